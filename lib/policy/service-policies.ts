// A connected service's own resource types (DESIGN.md "Services"): policies/services/<slug>.yaml
// declares each type's attributes and actions; group files grant them with the usual rules on
// `<slug>.<type>` subjects (lib/policy/load.ts checks them against this). The service asks about
// them through AuthZEN (lib/services/authzen); Gatehouse never stores the resources themselves.
//
//   service: permits
//   label: Permits
//   resources:
//     permit:
//       label: Building permit
//       attributes: [ownerID, status, municipalityId]
//       actions: [view, edit, approve]
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";

export const DEFAULT_SERVICE_POLICY_DIR = path.join(process.cwd(), "policies", "services");

export const SERVICE_SLUG = /^[a-z][a-z0-9-]*$/;
/** AuthZEN names: `can_read`, `approve`, `documents.read` are all fine. */
export const SERVICE_ACTION = /^[A-Za-z][A-Za-z0-9_.:-]*$/;
const TYPE_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const ATTRIBUTE = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** `permits.permit`: the subject a group rule names for a service's resource type. */
export const SERVICE_SUBJECT = /^([a-z][a-z0-9-]*)\.([A-Za-z][A-Za-z0-9_-]*)$/;

/** Every resource has an `id` (AuthZEN resource.id), whether the file lists it or not. */
export const RESOURCE_ID_ATTRIBUTE = "id";

const ResourceTypeSchema = z
  .object({
    label: z.string().min(1),
    description: z.string().optional(),
    attributes: z.array(z.string().regex(ATTRIBUTE, "attribute names are letters, digits and _")).default([]),
    actions: z.array(z.string().regex(SERVICE_ACTION, "action names are letters, digits and _ . : -")).min(1),
  })
  .strict();

export const ServicePolicySchema = z
  .object({
    service: z.string().regex(SERVICE_SLUG, "service names are lower-case letters, digits and -"),
    label: z.string().min(1),
    description: z.string().optional(),
    resources: z.record(
      z.string().regex(TYPE_NAME, "resource type names are letters, digits, _ and -"),
      ResourceTypeSchema,
    ),
  })
  .strict();

export type ServiceResourceType = {
  name: string;
  label: string;
  description?: string;
  /** Declared attributes plus `id`. */
  attributes: string[];
  actions: string[];
};

export type ServicePolicy = {
  service: string;
  label: string;
  description?: string;
  file: string;
  resources: Map<string, ServiceResourceType>;
};

export type ServicePolicies = Map<string, ServicePolicy>;

export class ServicePolicyLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyLoadError";
  }
}

/** The YAML files of a policy folder, sorted; null when the folder cannot be read. */
export function yamlFilesIn(dir: string): string[] | null {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
      .sort();
  } catch {
    return null;
  }
}

/** One policy file parsed as YAML; a syntax error is a load error naming the file. */
export function readYamlFile(dir: string, file: string, rel: string, LoadError: new (m: string) => Error): unknown {
  try {
    return parse(readFileSync(path.join(dir, file), "utf8"));
  } catch (e) {
    throw new LoadError(`${rel}: not valid YAML: ${(e as Error).message}`);
  }
}

const cache = new Map<string, ServicePolicies>();

/** Loads (once per directory) every service file. No directory: no service declares resources. */
export function loadServicePolicies(dir: string = DEFAULT_SERVICE_POLICY_DIR): ServicePolicies {
  const hit = cache.get(dir);
  if (hit) return hit;
  const loaded = compile(dir);
  cache.set(dir, loaded);
  return loaded;
}

function compile(dir: string): ServicePolicies {
  const files = yamlFilesIn(dir);
  if (!files) return new Map();
  const out: ServicePolicies = new Map();
  for (const file of files) {
    const rel = path.join("policies", path.basename(dir), file);
    const doc = readYamlFile(dir, file, rel, ServicePolicyLoadError);
    const parsed = ServicePolicySchema.safeParse(doc);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ServicePolicyLoadError(
        `${rel}${issue.path.length ? ` ${issue.path.join(".")}` : ""}: ${issue.message}`,
      );
    }
    const p = parsed.data;
    if (`${p.service}.yaml` !== file && `${p.service}.yml` !== file) {
      throw new ServicePolicyLoadError(
        `${rel}: declares service "${p.service}" but the file must be named ${p.service}.yaml`,
      );
    }
    const resources = new Map<string, ServiceResourceType>();
    for (const [name, t] of Object.entries(p.resources)) {
      resources.set(name, {
        name,
        label: t.label,
        ...(t.description ? { description: t.description } : {}),
        attributes: [RESOURCE_ID_ATTRIBUTE, ...t.attributes.filter((a) => a !== RESOURCE_ID_ATTRIBUTE)],
        actions: [...new Set(t.actions)],
      });
    }
    out.set(p.service, { service: p.service, label: p.label, description: p.description, file: rel, resources });
  }
  return out;
}

/** `permits.permit` → { service: "permits", type: "permit" }; anything else → null. */
export function parseServiceSubject(name: string): { service: string; type: string } | null {
  const m = SERVICE_SUBJECT.exec(name);
  return m ? { service: m[1]!, type: m[2]! } : null;
}

export function serviceSubjectName(service: string, type: string): string {
  return `${service}.${type}`;
}
