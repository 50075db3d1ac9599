import { samlMetadataFor } from "@/lib/auth/saml";

/**
 * Our service provider's metadata for the municipality's IdP administrators: entity id (this
 * address), ACS URL, signed assertions wanted. Public, as metadata is; only for a municipality
 * that exists (else 404).
 */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const xml = await samlMetadataFor(slug);
  if (!xml)
    return new Response("No such municipality.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const download = new URL(req.url).searchParams.has("download");
  return new Response(xml, {
    headers: {
      "Content-Type": "application/samlmetadata+xml; charset=utf-8",
      "Cache-Control": "no-store",
      ...(download ? { "Content-Disposition": `attachment; filename="gatehouse-${slug}-sp-metadata.xml"` } : {}),
    },
  });
}
