// The policies page's explain form, as an admin uses it: a question without a record answers with
// the conditions, a record found by the reference people see answers with what decided, the rule's
// file and index sit behind a disclosure, and the question stays as asked after every answer.
import { expect, test, type Page } from "@playwright/test";
import { expectSignedIn, signIn } from "./support/auth";

async function ask(page: Page, q: { email: string; action: string; subject: string; record: string }) {
  const form = page.getByRole("form", { name: "Explain a decision" });
  await form.getByLabel("Person (email)").fill(q.email);
  await form.getByLabel("Action").selectOption({ label: q.action });
  await form.getByLabel("Record type").selectOption({ label: q.subject });
  await form.getByLabel("Record (optional)").fill(q.record);
  await form.getByRole("button", { name: "Explain" }).click();
  return form;
}

async function expectKept(page: Page, q: { email: string; action: string; subject: string; record: string }) {
  const form = page.getByRole("form", { name: "Explain a decision" });
  await expect(form.getByLabel("Person (email)")).toHaveValue(q.email);
  await expect(form.getByLabel("Action").locator("option:checked")).toHaveText(q.action);
  await expect(form.getByLabel("Record type").locator("option:checked")).toHaveText(q.subject);
  await expect(form.getByLabel("Record (optional)")).toHaveValue(q.record);
}

test("explain answers with the conditions, the deciding rule and the fields, and keeps the question", async ({
  page,
}) => {
  await signIn(page, "admin@riverton.test");
  await expectSignedIn(page, "admin@riverton.test");
  await page.goto("/admin/riverton/policies");

  // No record: the conditions under which the operator may update requests.
  const type = { email: "operator@riverton.test", action: "Update", subject: "Service requests", record: "" };
  const form = await ask(page, type);
  await expect(form.getByRole("status")).toHaveText(
    "Allowed for service requests of Riverton in categories Roads, Street lighting, or assigned to them; fields: status, internal notes, assignee, tags",
  );
  await expectKept(page, type);
  const rules = form.getByRole("listitem").filter({ hasText: "Granted by Operator" });
  await expect(rules).toHaveCount(2);
  await expect(rules.first()).toContainText(
    "may update the status, internal notes, assignee and tags of service requests of Riverton in categories Roads, Street lighting",
  );
  const where = rules.first().getByText("policies/groups/operator.yaml, rule 3");
  await expect(where).toBeHidden();
  await rules.first().getByText("Where it is written").click();
  await expect(where).toBeVisible();
  const changeable = form.getByRole("region", { name: "Fields they may change" });
  await expect(changeable.getByRole("listitem")).toHaveText([
    "Status — Operator rules 3 and 6",
    "Internal notes — Operator rules 3 and 6",
    "Assignee — Operator rule 3, only for service requests of Riverton in categories Roads, Street lighting",
    "Tags — Operator rules 3 and 6",
  ]);
  await expect(form.getByRole("region", { name: "Fields they may not change" })).toContainText(
    "Title — not among the fields of Operator rules 3 and 6",
  );
  await page.setViewportSize({ width: 1280, height: 900 });
  // The explain section alone (the permission matrix below it is long), for the README.
  const section = page.locator("section").filter({ has: form });
  await section.screenshot({ path: test.info().outputPath("explain-answer-1280.png") });

  // A record by its reference, typed as people see it: outside her categories, and why.
  const record = { ...type, record: "riv-00045" };
  await ask(page, record);
  await expect(form.getByRole("status")).toHaveText(
    /^Denied: none of Olga Operator's groups \(Operator\) grants updating service request RIV-00045: they may update service requests of Riverton in categories Roads, Street lighting, or assigned to them, and this one is in category \w+/,
  );
  await expectKept(page, record);
  await expect(form).toContainText("Fields they may not change: all — no rule grants updating this service request");

  // The same request as seen (read): allowed through the public group or not, the fields say why.
  const read = { ...record, action: "Read" };
  await ask(page, read);
  await expect(form.getByRole("status")).toHaveText(
    /^(Allowed: Olga Operator may read service request RIV-00045|Denied)/,
  );
  await expectKept(page, read);

  // Another municipality's record is not found here, and the question stays.
  const foreign = { ...type, record: "LAK-00001" };
  await ask(page, foreign);
  await expect(form.getByRole("alert")).toHaveText('No service request "LAK-00001" here.');
  await expectKept(page, foreign);

  await page.setViewportSize({ width: 390, height: 844 });
  await ask(page, type);
  await expect(form.getByRole("status")).toContainText("Allowed for service requests of Riverton");
  // The form and its answer fit the phone (the page's header is the tour's check, e2e/ux).
  const box = await form.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  expect(await form.evaluate((f) => f.scrollWidth <= f.clientWidth)).toBe(true);
  await section.screenshot({ path: test.info().outputPath("explain-answer-390.png") });
});
