// The opening every paged admin list shares: the municipality in the caller's reach (else "not
// found"), and the page and page size from the URL (./pager's links), read once.
import { requireAdminPage } from "@/lib/people/admin-scope";
import { firstValues } from "@/lib/http/search-params";
import { paging } from "@/lib/records/list";

export type AdminListProps = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function requireAdminList({ params, searchParams }: AdminListProps) {
  const { slug } = await params;
  const scope = await requireAdminPage(slug);
  const sp = firstValues(await searchParams, ["page", "pageSize"]);
  return { slug, ...scope, sp, paging: paging(sp) };
}
