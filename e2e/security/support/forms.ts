// Every <form> in a rendered page must post: a form submitted natively (before JavaScript has
// loaded, or with it blocked) sends a GET otherwise, and what was typed — a password, an email,
// a reporter's contact details — lands in the URL. The one exception is stated: a search or
// filter form (role="search") may stay GET, as long as it holds no password or email field.
// Pure, so the suite can show it failing on a page that breaks the rule.

export type FormSeen = { tag: string; label: string; method: string; search: boolean };

export function formsIn(html: string): (FormSeen & { inner: string })[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)].map((m) => {
    const attrs = m[1]!;
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`, "i").exec(attrs)?.[1];
    return {
      tag: `<form${attrs.slice(0, 120)}>`,
      label: attr("aria-label") ?? "",
      method: (attr("method") ?? "").toLowerCase(),
      search: attr("role") === "search",
      inner: m[2]!,
    };
  });
}

export function formProblems(html: string): string[] {
  const out: string[] = [];
  for (const f of formsIn(html)) {
    if (f.method === "post") continue;
    if (f.search && (f.method === "" || f.method === "get") && !/type="(password|email)"/i.test(f.inner)) continue;
    out.push(
      `${f.tag}: method is ${f.method || "missing (GET)"}${f.search ? " on a search form holding a password or email field" : ""}`,
    );
  }
  return out;
}
