// The public portal's common lookups: the municipality by slug and the anonymous viewer. Every
// portal page reads through the public group's policy, even for signed-in staff, so what the
// portal shows is what anybody sees.
import "server-only";
import { cache } from "react";
import { notFound } from "next/navigation";
import { findMunicipalityBySlug } from "@/lib/data/municipalities";
import * as anonymous from "@/lib/data/anonymous-viewer";

export const portalMunicipality = cache(async (slug: string) => {
  const m = await findMunicipalityBySlug(slug);
  if (!m) notFound();
  return m;
});

/** The one anonymous viewer, built once per request however many portal pieces ask for it. */
export const anonymousViewer = cache(anonymous.anonymousViewer);
