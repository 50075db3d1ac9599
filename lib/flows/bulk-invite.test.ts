import { describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { viewerOf } from "@/test/fixtures/viewers";
import { NotFoundError } from "@/lib/errors";
import { BULK_EVENT, previewBulkInvite, recentBulkBatches, sendBulkInvite } from "./bulk-invite";
import { createInvitation } from "./invite";

const raw = testPrisma();
const lakesideId = async () => (await raw.municipality.findUniqueOrThrow({ where: { slug: "lakeside" } })).id;
/** Lakeside, its admin, and a stamp that makes this test's addresses its own. */
const asLakesideAdmin = async () => ({
  id: await lakesideId(),
  viewer: await viewerOf("admin@lakeside.test"),
  s: Date.now(),
});
const invitableLines = (p: { rows: { line: number; outcome: string }[] }) =>
  p.rows.filter((r) => r.outcome === "invite").map((r) => r.line);

describe("bulk invite from CSV: preview, then send", () => {
  it("previews every row with what will happen or why it is refused, and writes nothing", async () => {
    const { id, viewer, s } = await asLakesideAdmin();
    const csv = [
      "email,groups,department,categories",
      "# a comment line the template carries",
      `good1.${s}@lakeside.test,operator,public-works,ROADS;WASTE`,
      `not-an-email,viewer,,`,
      `good2.${s}@lakeside.test,Viewer,,`,
      `bad-group.${s}@lakeside.test,superuser,,`,
      `bad-dept.${s}@lakeside.test,viewer,nowhere,`,
      `bad-cat.${s}@lakeside.test,operator,,POTHOLES`,
      `operator@lakeside.test,viewer,,`,
      `GOOD1.${s}@lakeside.test,viewer,,`,
      `no-group.${s}@lakeside.test,,,`,
    ].join("\n");
    const p = await previewBulkInvite(viewer, id, csv);
    expect(p.rows.map((r) => [r.line, r.outcome])).toEqual([
      [3, "invite"],
      [4, "refused"],
      [5, "invite"],
      [6, "refused"],
      [7, "refused"],
      [8, "refused"],
      [9, "refused"],
      [10, "refused"],
      [11, "refused"],
    ]);
    expect(p).toMatchObject({ invitable: 2, refused: 7 });
    expect(p.rows[0]).toMatchObject({
      groups: ["Operator"],
      department: "Public Works",
      categories: ["Roads", "Waste"],
    });
    expect(p.rows[2]!.groups).toEqual(["Viewer"]);
    const reasons = p.rows.map((r) => r.reason ?? "");
    expect(reasons[1]).toBe("Enter a valid email address.");
    expect(reasons[3]).toBe('There is no group called "superuser".');
    expect(reasons[4]).toBe('There is no department called "nowhere".');
    expect(reasons[5]).toBe('There is no category called "POTHOLES".');
    expect(reasons[6]).toMatch(/already a member here \(active\)/);
    expect(reasons[7]).toBe("Same address as line 3; it is invited once, from line 3.");
    expect(reasons[8]).toMatch(/No group/);
    expect(await raw.invitation.count({ where: { email: { contains: String(s) } } })).toBe(0);
    expect(await raw.outboxMessage.count({ where: { to: { contains: String(s) } } })).toBe(0);
  });

  it("sends exactly the previewed rows, and keeps the batch's per-row report", async () => {
    const { id, viewer, s } = await asLakesideAdmin();
    const csv = [
      "email,groups",
      `a.${s}@lakeside.test,viewer`,
      `b.${s}@lakeside.test,nobody`,
      `c.${s}@lakeside.test,viewer`,
    ].join("\n");
    const p = await previewBulkInvite(viewer, id, csv);
    expect(invitableLines(p)).toEqual([2, 4]);
    const batch = await sendBulkInvite(viewer, id, csv, invitableLines(p));
    expect(batch.rows.map((r) => [r.line, r.outcome])).toEqual([
      [2, "invited"],
      [3, "refused"],
      [4, "invited"],
    ]);
    expect(batch).toMatchObject({ invited: 2, refused: 1 });
    const sent = await raw.outboxMessage.findMany({ where: { to: { contains: String(s) } }, select: { to: true } });
    expect(sent.map((m) => m.to).sort()).toEqual([`a.${s}@lakeside.test`, `c.${s}@lakeside.test`]);
    const [last] = await recentBulkBatches(viewer, id);
    expect(last!.rows).toEqual(batch.rows);
    expect(last!.by).toMatch(/lakeside|Admin/i);
    expect(await raw.auditEvent.count({ where: { action: BULK_EVENT, municipalityId: id } })).toBeGreaterThan(0);
  });

  it("sends nothing when the rows that would go out differ from the preview", async () => {
    const { id, viewer, s } = await asLakesideAdmin();
    const csv = ["email,groups", `x.${s}@lakeside.test,viewer`, `y.${s}@lakeside.test,viewer`].join("\n");
    const p = await previewBulkInvite(viewer, id, csv);
    expect(invitableLines(p)).toEqual([2, 3]);
    // Someone invites y meanwhile: the row would now be refused, so the batch is not what was previewed.
    await createInvitation(viewer, id, { email: `y.${s}@lakeside.test`, groups: ["viewer"] });
    await expect(sendBulkInvite(viewer, id, csv, invitableLines(p))).rejects.toThrow(/changed since the preview/);
    // A tampered list of lines is refused the same way.
    await expect(sendBulkInvite(viewer, id, csv, [2, 3, 4])).rejects.toThrow(/changed since the preview/);
    expect(await raw.invitation.count({ where: { email: `x.${s}@lakeside.test` } })).toBe(0);
  });

  it("names what is wrong with the file as a whole", async () => {
    const { id, viewer } = await asLakesideAdmin();
    await expect(previewBulkInvite(viewer, id, "mail,teams\nx@y.test,viewer")).rejects.toThrow(/template/);
    await expect(previewBulkInvite(viewer, id, "email,groups\n")).rejects.toThrow(/no rows/);
    const many = ["email,groups", ...Array.from({ length: 501 }, (_, i) => `p${i}@lakeside.test,viewer`)].join("\n");
    await expect(previewBulkInvite(viewer, id, many)).rejects.toThrow(/at most 500/);
    await expect(previewBulkInvite(viewer, id, 'email,groups\n"unclosed,viewer')).rejects.toThrow(/not a readable CSV/);
  });

  it("is not found for someone who may not invite there", async () => {
    const id = await lakesideId();
    await expect(
      previewBulkInvite(await viewerOf("operator@lakeside.test"), id, "email,groups\na@b.test,viewer"),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await recentBulkBatches(await viewerOf("admin@riverton.test"), id)).toEqual([]);
  });
});
