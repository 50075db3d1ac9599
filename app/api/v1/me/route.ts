import { apiViewer } from "@/lib/http/api";

/** Who the caller is, as the server sees it right now (groups per active membership). */
export async function GET(req: Request) {
  const viewer = await apiViewer(req, { staff: true });
  if (viewer instanceof Response) return viewer;
  const p = viewer.principal;
  if (p.kind !== "user") return Response.json({ data: { kind: "anonymous" } });
  return Response.json(
    {
      data: {
        kind: "user",
        id: p.userId,
        email: p.email,
        name: p.name,
        via: p.via,
        platformGroups: p.platformGroups,
        memberships: p.memberships.map((m) => ({
          municipalityId: m.municipalityId,
          groups: m.groups,
          allowedCategories: m.allowedCategories,
        })),
      },
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
