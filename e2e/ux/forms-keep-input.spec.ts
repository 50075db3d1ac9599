// Every form keeps what was typed (issue 17): over every stop of the tour (./support/tour.ts), each
// form a person types into or chooses in is submitted once with exactly one invalid field; every
// other non-secret field must keep its value, the invalid one must say why beside it, and the error
// summary at the top must list it with focus moved to it (./support/forms.ts). Only invalid
// submissions are sent, so the tour changes nothing. Forms with nothing to type (sign out, one-button
// actions) and search forms are skipped and named, with the reason, in the report this test attaches.
// Size: submitting is the slow part. `npm test` sorts every form of every stop (checked or skipped)
// and submits a rotating half of those it would check (inRotationOf, by route, account and form:
// the other half the next day; SAMPLE_ROTATION repeats a day's choice); SECURITY_SIZE=full submits
// every one, on the full tour. The report names the forms left to another run.
import { writeFileSync, mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { FULL, inRotationOf, ROTATION_NOTE } from "../../test/fixtures/suite-size";
import { tourStops, Visitors, walkTour, type Stop } from "./support/tour";
import { checkFormKeepsInput, formsOf, type FormReport } from "./support/forms";

let stops: Stop[];
test.beforeAll(async () => {
  stops = (await tourStops()).filter((s) => s.route !== "(not found)");
});

async function open(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
}

test("every form on the tour keeps what was typed when one field is refused", async ({ browser, baseURL }, info) => {
  test.setTimeout(1_800_000);
  const visitors = new Visitors(browser, baseURL!);
  let perStop: {
    lines: string[];
    failures: string[];
    checked: number;
    deferred: string[];
    skipped: [string, string][];
  }[];
  try {
    perStop = await walkTour(stops, async (s) => {
      const out = {
        lines: [] as string[],
        failures: [] as string[],
        checked: 0,
        deferred: [] as string[],
        skipped: [] as [string, string][],
      };
      const who = s.account ?? "anonymous";
      const page = await visitors.page(s.account, 1280);
      await open(page, s.path);
      const count = (await formsOf(page)).length;
      for (let i = 0; i < count; i++) {
        // This run's rotating sample submits the form, or another run's does (all at full size).
        const send = (form: string) => inRotationOf(`${s.route} ${who} ${form}`, 2);
        let report: FormReport;
        try {
          const forms = await formsOf(page);
          if (!forms[i]) break;
          report = await checkFormKeepsInput(page, forms[i]!, { send });
        } catch (e) {
          report = { form: `form ${i + 1}`, outcome: "checked", problems: [`the check failed: ${String(e)}`] };
        }
        const where = `${s.path} as ${who}, "${report.form}", invalid ${report.invalid}`;
        if (report.outcome === "skipped") {
          out.skipped.push([`${report.form}: ${report.reason}`, s.route]);
          continue;
        }
        if (report.outcome === "deferred") {
          out.deferred.push(`deferred ${where} (another run's sample)`);
          continue;
        }
        out.checked += 1;
        out.lines.push(`checked  ${where}${report.problems.length ? ` — ${report.problems.join("; ")}` : ""}`);
        for (const p of report.problems) out.failures.push(`${where} (${ROTATION_NOTE}): ${p}`);
        // A fresh page for the next form (the refused one still shows its messages).
        await open(page, s.path);
      }
      await page.context().close();
      return out;
    });
  } finally {
    await visitors.close();
  }
  const checked = perStop.reduce((n, o) => n + o.checked, 0);
  const deferred = perStop.flatMap((o) => o.deferred);
  const failures = perStop.flatMap((o) => o.failures);
  const skipped = new Map<string, Set<string>>();
  for (const [key, route] of perStop.flatMap((o) => o.skipped))
    skipped.set(key, (skipped.get(key) ?? new Set()).add(route));
  const skippedLines = [...skipped].map(([k, routes]) => `skipped  ${k} (on ${[...routes].join(", ")})`);
  const report = [
    `${checked} forms checked, ${deferred.length} left to another run's sample, on ${stops.length} pages (${ROTATION_NOTE})`,
    ...perStop.flatMap((o) => o.lines),
    "",
    ...deferred,
    "",
    ...skippedLines,
  ].join("\n");
  mkdirSync("test-results", { recursive: true });
  writeFileSync("test-results/forms-keep-input.txt", report + "\n");
  await info.attach("forms-keep-input.txt", { body: report, contentType: "text/plain" });
  expect(checked + deferred.length, "the tour found forms to check").toBeGreaterThan(20);
  expect(checked, "forms this run's sample submitted").toBeGreaterThan(FULL ? 20 : 5);
  expect(failures).toEqual([]);
});

/** A stand-in page served through page.route: a form that keeps its fields, or one that resets them. */
function standIn(resets: boolean) {
  return `<!doctype html><html><body><main><h1>Self-test</h1>
<form method="post" action="/nowhere" aria-label="Self-test form">
  <div id="top"></div>
  <label for="st-name">Name</label><input id="st-name" name="name">
  <label for="st-email">Email</label><input id="st-email" name="email" type="email" required>
  <label for="st-kind">Kind</label><select id="st-kind" name="kind"><option value="a">A</option><option value="b">B</option></select>
  <button type="submit">Send</button>
</form>
<script>
  const f = document.querySelector("form");
  f.addEventListener("submit", (e) => {
    e.preventDefault();
    const email = f.elements.namedItem("email");
    const ok = /^[^@\\s]+@[^@\\s]+$/.test(email.value);
    if (${resets}) f.reset();
    if (ok) return;
    email.setAttribute("aria-invalid", "true");
    email.setAttribute("aria-describedby", "st-email-error");
    if (!document.getElementById("st-email-error")) email.insertAdjacentHTML("afterend", '<p id="st-email-error">Enter an email address.</p>');
    document.getElementById("top").innerHTML = '<div data-error-summary tabindex="-1" role="alert"><h2>There is a problem</h2><a href="#st-email">Email: Enter an email address.</a></div>';
    document.querySelector("[data-error-summary]").focus();
  });
</script></main></body></html>`;
}

test("self-test: the check passes a form that keeps its fields and fails one that resets them", async ({ page }) => {
  for (const resets of [false, true]) {
    const url = `/__forms-self-test/${resets ? "broken" : "good"}`;
    await page.route(`**${url}`, (r) => r.fulfill({ contentType: "text/html", body: standIn(resets) }));
    await page.goto(url);
    const [form] = await formsOf(page);
    const report = await checkFormKeepsInput(page, form!);
    expect(report.outcome).toBe("checked");
    if (resets) expect(report.problems.join("\n")).toMatch(/"Name" lost what was typed/);
    else expect(report.problems).toEqual([]);
  }
});

test("the invitation keeps its email when no group was chosen, and the summary leads to the groups", async ({
  browser,
  baseURL,
}) => {
  const visitors = new Visitors(browser, baseURL!);
  try {
    const page = await visitors.page("admin@riverton.test", 1280);
    await open(page, "/admin/riverton/invitations");
    const form = page.getByRole("form", { name: "Invite someone" });
    const email = `kept.${Date.now()}@riverton.test`;
    await form.getByLabel("Email").fill(email);
    await form.getByRole("button", { name: "Send invitation" }).click();
    const summary = form.locator("[data-error-summary]");
    await expect(summary).toBeFocused();
    await expect(summary).toContainText("Groups: Choose at least one group.");
    await expect(form.getByLabel("Email")).toHaveValue(email);
    await expect(form.getByRole("group", { name: "Groups" })).toHaveAccessibleDescription("Choose at least one group.");
    // The summary's link moves to the groups.
    await summary.getByRole("link", { name: /Groups/ }).click();
    await expect(form.getByRole("group", { name: "Groups" }).getByRole("checkbox").first()).toBeFocused();
    await form.screenshot({ path: "test-results/forms-keep-input-invite-1280.png" });
    // The same at a phone's width.
    const phone = await visitors.page("admin@riverton.test", 390);
    await open(phone, "/admin/riverton/invitations");
    const small = phone.getByRole("form", { name: "Invite someone" });
    await small.getByLabel("Email").fill(email);
    await small.getByRole("button", { name: "Send invitation" }).click();
    await expect(small.locator("[data-error-summary]")).toBeFocused();
    await expect(small.getByLabel("Email")).toHaveValue(email);
    await small.screenshot({ path: "test-results/forms-keep-input-invite-390.png" });
  } finally {
    await visitors.close();
  }
});

test("Explain keeps the chosen person, action and record type after every answer", async ({ browser, baseURL }) => {
  const visitors = new Visitors(browser, baseURL!);
  try {
    const page = await visitors.page("admin@riverton.test", 1280);
    await open(page, "/admin/riverton/policies");
    const form = page.getByRole("form", { name: "Explain a decision" });
    const chosen = async (person: string) => {
      await expect(form.getByLabel("Person (email)")).toHaveValue(person);
      await expect(form.getByLabel("Action")).toHaveValue("update");
      await expect(form.getByLabel("Record type")).toHaveValue("Document");
    };
    await form.getByLabel("Person (email)").fill("operator@riverton.test");
    await form.getByLabel("Action").selectOption("update");
    await form.getByLabel("Record type").selectOption("Document");
    // An answer.
    await form.getByRole("button", { name: "Explain" }).click();
    await expect(form.getByRole("status")).toBeVisible();
    await chosen("operator@riverton.test");
    // A refusal (no such person), then a second answer: still the same choices.
    await form.getByLabel("Person (email)").fill("nobody.here@riverton.test");
    await form.getByRole("button", { name: "Explain" }).click();
    await expect(form.getByRole("alert").first()).toBeVisible();
    await chosen("nobody.here@riverton.test");
    await form.getByLabel("Person (email)").fill("viewer@riverton.test");
    await form.getByRole("button", { name: "Explain" }).click();
    await expect(form.getByRole("status")).toBeVisible();
    await chosen("viewer@riverton.test");
  } finally {
    await visitors.close();
  }
});
