// The accessibility check of the page-quality tour (issue 17): axe-core's WCAG 2.1 A/AA rules with
// no serious or critical violation, and exactly one h1. Each problem names the page, the rule and
// the element, so a failure says what to fix and where.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/** WCAG 2.0 and 2.1, levels A and AA: what municipal accessibility rules (EN 301 549, Section 508) cite. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const SERIOUS = new Set(["serious", "critical"]);

/** Everything wrong with the page as loaded now, one line each ("<where>: <rule> … at <target>"). */
export async function accessibilityProblems(page: Page, where: string): Promise<string[]> {
  const problems: string[] = [];
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  for (const v of violations) {
    if (!SERIOUS.has(v.impact ?? "")) continue;
    for (const node of v.nodes) problems.push(`${where}: ${v.id} (${v.impact}: ${v.help}) at ${node.target.join(" ")}`);
  }
  const h1 = await page.locator("h1").allInnerTexts();
  if (h1.length !== 1)
    problems.push(
      `${where}: ${h1.length} h1 elements, not one${h1.length ? ` (${h1.map((t) => JSON.stringify(t)).join(", ")})` : ""}`,
    );
  return problems;
}
