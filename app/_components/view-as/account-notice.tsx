// /account while viewing as someone: their account (sessions, sign-in methods, tokens) is theirs
// alone, so the page says so instead of showing it.
export function ViewAsAccountNotice({ name }: { name: string }) {
  return (
    <section aria-labelledby="view-as-account-h" className="space-y-2 rounded-lg border bg-white p-5">
      <h1 id="view-as-account-h" className="text-2xl font-semibold text-brand-900">
        Account pages are not part of “view as”
      </h1>
      <p className="text-slate-700">
        You are viewing the workspace as {name}. Their account — sessions, ways to sign in, tokens — stays private. End
        “view as” with the button at the top of the page to see your own account.
      </p>
    </section>
  );
}
