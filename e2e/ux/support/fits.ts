// The phone-width check (issue 17): a page fits its viewport when the document is no wider than
// the window — nothing makes the page itself scroll sideways. A table may be wider than the phone
// as long as it scrolls inside its own region (app/_components/simple-table.tsx TableScroll).
import type { Page } from "@playwright/test";

export type Overflow = {
  scrollWidth: number;
  innerWidth: number;
  /** Where the overflow starts: elements wider than the window whose parent is not, widest first. */
  culprits: string[];
};

/** null when the page fits; else how wide it is and which elements make it so. */
export async function overflowOf(page: Page): Promise<Overflow | null> {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const innerWidth = window.innerWidth;
    if (doc.scrollWidth <= innerWidth) return null;
    // An element inside a box that clips or scrolls sideways cannot widen the page.
    const clipped = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== doc && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== "visible") return true;
      }
      return false;
    };
    const right = (el: Element) => el.getBoundingClientRect().right + window.scrollX;
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : "";
      const cls =
        typeof el.className === "string" && el.className
          ? `.${el.className.trim().split(/\s+/).slice(0, 4).join(".")}`
          : "";
      const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 60);
      return `<${el.tagName.toLowerCase()}${id}${cls}> ${Math.round(right(el))}px "${text}"`;
    };
    const over = [...document.body.querySelectorAll("*")].filter((el) => right(el) > innerWidth + 0.5 && !clipped(el));
    const starts = over.filter((el) => !el.parentElement || !over.includes(el.parentElement));
    return {
      scrollWidth: doc.scrollWidth,
      innerWidth,
      culprits: starts
        .sort((a, b) => right(b) - right(a))
        .slice(0, 3)
        .map(describe),
    };
  });
}
