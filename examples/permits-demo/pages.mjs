// Plain HTML pages of the permits demo: one layout, escaped text, forms that work without
// JavaScript, readable on a 390 px phone.

/** @param {unknown} s */
export function esc(s) {
  return String(s ?? "").replace(
    /[&<>"']/g,
    (c) =>
      /** @type {Record<string, string>} */ ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[
        c
      ],
  );
}

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, sans-serif; line-height: 1.5; color: #1b1f24; }
  body { margin: 0; background: #f6f7f9; }
  header { background: #0f3d5c; color: #fff; padding: .75rem 1rem; display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between; }
  header a { color: #fff; }
  main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
  h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
  .card { background: #fff; border: 1px solid #d5d9de; border-radius: .5rem; padding: 1rem; margin-bottom: 1rem; }
  .button, button { box-sizing: border-box; display: inline-flex; align-items: center; line-height: 1.25; font: inherit; padding: .5rem .9rem; border-radius: .375rem; border: 1px solid #0f3d5c; background: #0f3d5c; color: #fff; text-decoration: none; cursor: pointer; min-height: 2.75rem; }
  .secondary { background: #fff; color: #0f3d5c; }
  .status { border-left: 4px solid #1a7f37; background: #e9f6ec; padding: .5rem .75rem; margin-bottom: 1rem; }
  .alert { border-left: 4px solid #b42318; background: #fdecea; padding: .5rem .75rem; margin-bottom: 1rem; }
  table { width: 100%; border-collapse: collapse; background: #fff; }
  caption { text-align: left; font-weight: 600; padding: .5rem 0; }
  th, td { text-align: left; padding: .5rem; border-bottom: 1px solid #d5d9de; vertical-align: top; }
  .actions { display: flex; flex-wrap: wrap; gap: .375rem; }
  .actions form { margin: 0; }
  label { display: block; font-weight: 600; margin-bottom: .25rem; }
  input[type=text] { font: inherit; padding: .5rem; width: 100%; max-width: 30rem; box-sizing: border-box; border: 1px solid #8c959f; border-radius: .375rem; }
  @media (max-width: 40rem) {
    table, thead, tbody, tr, th, td { display: block; }
    thead { position: absolute; left: -9999px; }
    caption { display: block; }
    tr { border: 1px solid #d5d9de; border-radius: .5rem; margin-bottom: .75rem; padding: .25rem .5rem; background: #fff; }
    td { border: 0; padding: .25rem 0; }
    td::before { content: attr(data-label) ": "; font-weight: 600; }
  }
`;

/**
 * @param {{ title: string; body: string; base: string; user?: { name?: string; email?: string } | null; csrf?: string }} p
 */
export function layout(p) {
  const who = p.user
    ? `<span>Signed in as ${esc(p.user.name || p.user.email)}</span>
       <form method="post" action="${p.base}/logout"><input type="hidden" name="csrf" value="${esc(p.csrf)}"><button class="secondary" type="submit">Sign out</button></form>`
    : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(p.title)} · Riverton Permits</title>
<style>${STYLE}</style>
</head>
<body>
<header><a href="${p.base}/"><strong>Riverton Permits</strong></a>${who}</header>
<main>
${p.body}
</main>
</body>
</html>`;
}

/** @param {{ base: string; error?: string }} p */
export function homePage(p) {
  return `<h1>Building permits</h1>
${p.error ? `<div class="alert" role="alert">${esc(p.error)}</div>` : ""}
<div class="card">
  <p>Staff of Riverton sign in with their Gatehouse account. What you may do with each permit is decided by Gatehouse.</p>
  <p><a class="button" href="${p.base}/login">Sign in with Gatehouse</a></p>
</div>`;
}

/** @param {{ base: string; reason?: string }} p */
export function signedOutPage(p) {
  return `<h1>You are signed out</h1>
<div class="status" role="status">${esc(p.reason ?? "Your session of the permits application has ended.")}</div>
<p><a class="button" href="${p.base}/login">Sign in with Gatehouse</a></p>`;
}

const LABEL = { view: "View", edit: "Edit", submit: "Submit", approve: "Approve" };

/**
 * @param {{ base: string; csrf: string; flash?: string; error?: string;
 *   rows: { permit: import("./permits.mjs").Permit; allowed: string[] }[] }} p
 */
export function permitsPage(p) {
  const rows = p.rows
    .map(({ permit: x, allowed }) => {
      const buttons = allowed
        .map((a) => {
          const label = LABEL[/** @type {keyof typeof LABEL} */ (a)];
          const name = `${label} permit ${esc(x.id)}`;
          if (a === "view" || a === "edit") {
            const href = `${p.base}/permits/${esc(x.id)}${a === "edit" ? "#title" : ""}`;
            return `<a class="button secondary" href="${href}" aria-label="${name}">${label}</a>`;
          }
          return `<form method="post" action="${p.base}/permits/${esc(x.id)}/${a}"><input type="hidden" name="csrf" value="${esc(p.csrf)}"><button type="submit" aria-label="${name}">${label}</button></form>`;
        })
        .join("");
      return `<tr data-permit="${esc(x.id)}">
  <th scope="row" data-label="Permit">${esc(x.id)}</th>
  <td data-label="Application">${esc(x.title)}<br><small>${esc(x.ownerName)} · ${esc(x.district)}</small></td>
  <td data-label="Status">${esc(x.status)}</td>
  <td data-label="You may">${allowed.length ? esc(allowed.join(", ")) : "Nothing"}</td>
  <td data-label="Actions"><div class="actions">${buttons || "—"}</div></td>
</tr>`;
    })
    .join("\n");
  return `<h1>Permits</h1>
${p.flash ? `<div class="status" role="status">${esc(p.flash)}</div>` : ""}
${p.error ? `<div class="alert" role="alert">${esc(p.error)}</div>` : ""}
<table>
<caption>Permits and what Gatehouse allows you to do with each</caption>
<thead><tr><th scope="col">Permit</th><th scope="col">Application</th><th scope="col">Status</th><th scope="col">You may</th><th scope="col">Actions</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

/** @param {{ base: string; csrf: string; permit: import("./permits.mjs").Permit; allowed: string[]; flash?: string; error?: string }} p */
export function permitPage(p) {
  const x = p.permit;
  const edit = p.allowed.includes("edit")
    ? `<form class="card" method="post" action="${p.base}/permits/${esc(x.id)}/edit">
  <input type="hidden" name="csrf" value="${esc(p.csrf)}">
  <label for="title">Title</label>
  <input id="title" name="title" type="text" maxlength="120" value="${esc(x.title)}" required>
  <p><button type="submit">Save</button></p>
</form>`
    : "";
  return `<p><a href="${p.base}/permits">← All permits</a></p>
<h1>Permit ${esc(x.id)}</h1>
${p.flash ? `<div class="status" role="status">${esc(p.flash)}</div>` : ""}
${p.error ? `<div class="alert" role="alert">${esc(p.error)}</div>` : ""}
<dl class="card">
  <dt>Application</dt><dd>${esc(x.title)}</dd>
  <dt>Applicant</dt><dd>${esc(x.ownerName)} (${esc(x.ownerID)})</dd>
  <dt>District</dt><dd>${esc(x.district)}</dd>
  <dt>Status</dt><dd>${esc(x.status)}</dd>
  <dt>You may</dt><dd>${esc(p.allowed.join(", ") || "Nothing")}</dd>
</dl>
${edit}`;
}

/** @param {{ base: string; heading: string; text: string }} p */
export function problemPage(p) {
  return `<h1>${esc(p.heading)}</h1>
<div class="alert" role="alert">${esc(p.text)}</div>
<p><a href="${p.base}/permits">Back to the permits</a></p>`;
}
