// Demo municipalities, departments and records of every visibility class, with realistic
// content. Deterministic (seeded PRNG) so tests and screenshots are stable. Also used by the
// tests' fixtures and the benchmark, so records are built by the factories below.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { coarseLocation } from "@/lib/schemas/coarse-location";
import type { DocumentKind, HeritageKind, ServiceCategory, ServiceRequestStatus } from "@/lib/generated/prisma/enums";

export type DemoMunicipality = {
  slug: string;
  name: string;
  region: string;
  description: string;
  requiresApproval: boolean;
  selfRegistrationDomains: string[];
  /** Strict lockout (lib/auth/credentials.ts); on in Hillcrest only, where no demo account works. */
  lockoutUntilUnlocked?: boolean;
  /**
   * Days without sign-in before a membership is suspended (lib/flows/inactivity.ts); absent: the
   * default, 90. Lakeside shows a stricter 60; null would switch the control off.
   */
  inactivityDays?: number | null;
  /** Domains the municipality's identity providers speak for (Municipality.emailDomains). */
  emailDomains?: string[];
  /** IANA time zone its pages show times in (Municipality.timeZone; absent: UTC). */
  timeZone?: string;
  /** Whom members ask about their access (Municipality.accessContact); Riverton shows one. */
  accessContact?: string;
  departments: { slug: string; name: string }[];
  districts: string[];
  streets: string[];
  center: [number, number];
};

export const DEMO_MUNICIPALITIES: DemoMunicipality[] = [
  {
    slug: "riverton",
    name: "Riverton",
    region: "Northern Valley",
    description: "A river town of 48,000 with a medieval core and a growing harbour district.",
    requiresApproval: true,
    selfRegistrationDomains: ["riverton.test"],
    emailDomains: ["riverton.test"],
    timeZone: "Europe/Amsterdam",
    accessContact: "Riverton IT service desk, servicedesk@riverton.test, 555-0100 (weekdays 8–17)",
    departments: [
      { slug: "public-works", name: "Public Works" },
      { slug: "parks-heritage", name: "Parks and Heritage" },
      { slug: "clerk", name: "Town Clerk" },
    ],
    districts: ["Old Town", "Harbour", "Millbrook", "North Bank", "St. Anne's"],
    streets: ["Quay Street", "Mill Lane", "Bridge Road", "Chapel Row", "Tanner's Walk", "Station Avenue"],
    center: [52.091, 5.122],
  },
  {
    slug: "lakeside",
    name: "Lakeside",
    region: "Lake District",
    description: "A lakeshore municipality of 21,000 with three villages and a nature reserve.",
    requiresApproval: false,
    selfRegistrationDomains: [],
    inactivityDays: 60,
    timeZone: "Europe/Amsterdam",
    departments: [
      { slug: "public-works", name: "Public Works" },
      { slug: "planning", name: "Planning and Heritage" },
    ],
    districts: ["Shoreline", "Eastvillage", "Pinewood", "Marina"],
    streets: ["Lake Road", "Birch Avenue", "Ferry Lane", "Orchard Way", "Boathouse Street"],
    center: [52.37, 4.9],
  },
  {
    slug: "hillcrest",
    name: "Hillcrest",
    region: "Upland County",
    description: "A hill town of 12,500 known for its terraced vineyards and Roman road.",
    requiresApproval: true,
    selfRegistrationDomains: [],
    lockoutUntilUnlocked: true,
    departments: [
      { slug: "public-works", name: "Public Works" },
      { slug: "clerk", name: "Town Clerk" },
    ],
    districts: ["Upper Town", "Vineyards", "Roman Road", "Valley Farms"],
    streets: ["Summit Road", "Terrace Walk", "Via Romana", "Cellar Lane"],
    center: [50.85, 5.69],
  },
];

/** Small deterministic PRNG (mulberry32) so the demo is identical on every machine. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
  };
}

const REQUEST_TEMPLATES: Record<ServiceCategory, { title: string; description: string; dept: string }[]> = {
  ROADS: [
    {
      title: "Pothole near the bus stop",
      description: "A deep pothole has opened in the right lane; cyclists swerve into traffic to avoid it.",
      dept: "public-works",
    },
    {
      title: "Cracked kerb at pedestrian crossing",
      description: "The kerb stone is broken and loose; a wheelchair user could not get onto the pavement.",
      dept: "public-works",
    },
    {
      title: "Road surface subsiding",
      description: "The asphalt has sunk about ten centimetres over a drain; it gets worse after rain.",
      dept: "public-works",
    },
  ],
  STREET_LIGHTING: [
    {
      title: "Street light out for a week",
      description: "The lamp post opposite number 14 has been dark for a week; the footpath is pitch black.",
      dept: "public-works",
    },
    {
      title: "Street light flickering all night",
      description: "The light turns on and off every few seconds and keeps residents awake.",
      dept: "public-works",
    },
  ],
  WASTE: [
    {
      title: "Overflowing public bin",
      description: "The bin by the playground has not been emptied and rubbish is blowing into the canal.",
      dept: "public-works",
    },
    {
      title: "Fly-tipped mattress and furniture",
      description: "Someone dumped a mattress, a sofa and paint tins behind the recycling point.",
      dept: "public-works",
    },
  ],
  PARKS: [
    {
      title: "Broken swing in playground",
      description: "One swing chain has snapped; the seat hangs at head height for small children.",
      dept: "parks-heritage",
    },
    {
      title: "Fallen tree branch across path",
      description: "A large branch came down in the storm and blocks the path along the water.",
      dept: "parks-heritage",
    },
  ],
  WATER: [
    {
      title: "Blocked storm drain",
      description: "Water pools across the whole street after every shower because the drain is blocked with leaves.",
      dept: "public-works",
    },
    {
      title: "Leaking fire hydrant",
      description: "Clean water has been running from the hydrant into the gutter since yesterday morning.",
      dept: "public-works",
    },
  ],
  NOISE: [
    {
      title: "Night-time construction noise",
      description: "Machines run past midnight on the building site; we were told work stops at 19:00.",
      dept: "clerk",
    },
    {
      title: "Loud music from bar terrace",
      description: "Amplified music on the terrace until 02:00 on weekdays.",
      dept: "clerk",
    },
  ],
  GRAFFITI: [
    {
      title: "Graffiti on the listed chapel wall",
      description: "Spray paint tags on the old chapel's west wall; the stone is porous and needs a specialist.",
      dept: "parks-heritage",
    },
    {
      title: "Offensive graffiti on underpass",
      description: "Offensive slogans sprayed in the pedestrian underpass near the school.",
      dept: "parks-heritage",
    },
  ],
  OTHER: [
    {
      title: "Bench missing its slats",
      description: "The bench at the viewpoint has lost three slats and cannot be used.",
      dept: "parks-heritage",
    },
    {
      title: "Abandoned bicycle chained to railing",
      description: "A rusted bicycle without wheels has been chained to the bridge railing for months.",
      dept: "clerk",
    },
  ],
};

const FIRST = [
  "Anna",
  "Bram",
  "Chloé",
  "Daan",
  "Eva",
  "Femke",
  "Gijs",
  "Hanna",
  "Ivo",
  "Julia",
  "Kees",
  "Lotte",
  "Milan",
  "Noor",
  "Omar",
  "Priya",
  "Ruben",
  "Sara",
  "Tim",
  "Yara",
];
const LAST = [
  "de Vries",
  "Jansen",
  "Bakker",
  "Visser",
  "Smit",
  "Meijer",
  "Mulder",
  "de Boer",
  "Bos",
  "Vos",
  "Peters",
  "Hendriks",
  "Dekker",
  "Brouwer",
  "Koster",
];
const STATUSES: ServiceRequestStatus[] = [
  "SUBMITTED",
  "SUBMITTED",
  "TRIAGED",
  "IN_PROGRESS",
  "IN_PROGRESS",
  "RESOLVED",
  "RESOLVED",
  "CLOSED",
  "REJECTED",
];
const CATEGORIES = Object.keys(REQUEST_TEMPLATES) as ServiceCategory[];

export type ServiceRequestSeed = {
  reference: string;
  category: ServiceCategory;
  title: string;
  description: string;
  status: ServiceRequestStatus;
  isPublic: boolean;
  area: string;
  address: string;
  latitude: number;
  longitude: number;
  reporterName: string;
  reporterEmail: string;
  reporterPhone: string;
  internalNotes: string | null;
  departmentSlug: string;
  createdAt: Date;
  resolvedAt: Date | null;
};

/** Builds the n-th demo service request of a municipality (used by seed, fixtures and bench). */
export function buildServiceRequest(
  m: DemoMunicipality,
  n: number,
  rand = prng(n * 7919 + m.slug.length),
): ServiceRequestSeed {
  const category = CATEGORIES[n % CATEGORIES.length] as ServiceCategory;
  const t = rand.pick(REQUEST_TEMPLATES[category]);
  const status = rand.pick(STATUSES);
  const first = rand.pick(FIRST);
  const last = rand.pick(LAST);
  const createdAt = new Date(Date.UTC(2026, 10, 20) - rand.int(0, 365) * 86_400_000 - rand.int(0, 86_000) * 1000);
  const closed = status === "RESOLVED" || status === "CLOSED";
  return {
    reference: `${m.slug.slice(0, 3).toUpperCase()}-${String(n + 1).padStart(5, "0")}`,
    category,
    title: t.title,
    description: t.description,
    status,
    // Noise complaints name neighbours: never on the public portal.
    isPublic: category !== "NOISE" && n % 11 !== 5,
    area: rand.pick(m.districts),
    address: `${rand.int(1, 180)} ${rand.pick(m.streets)}`,
    latitude: Number((m.center[0] + (rand.next() - 0.5) / 50).toFixed(6)),
    longitude: Number((m.center[1] + (rand.next() - 0.5) / 50).toFixed(6)),
    reporterName: `${first} ${last}`,
    reporterEmail: `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, "") + "@example.org",
    reporterPhone: `+31 6 ${rand.int(1000, 9999)} ${rand.int(1000, 9999)}`,
    internalNotes:
      status === "SUBMITTED"
        ? null
        : rand.pick([
            "Crew scheduled; contractor quote requested.",
            "Reporter called twice; be tactful, previous complaint unresolved.",
            "Linked to insurance claim, do not discuss liability.",
            "Site visit done, photos in the case file.",
          ]),
    departmentSlug: t.dept,
    createdAt,
    resolvedAt: closed ? new Date(createdAt.getTime() + rand.int(1, 40) * 86_400_000) : null,
  };
}

type HeritageSeed = {
  kind: HeritageKind;
  name: string;
  summary: string;
  district: string;
  period: string;
  designation: string;
  isPublic: boolean;
  address: string;
  ownerName: string;
  ownerContact: string;
  reviewNotes: string;
};

function heritageFor(m: DemoMunicipality): HeritageSeed[] {
  const d = (i: number) => m.districts[i % m.districts.length] as string;
  return [
    {
      kind: "HISTORIC_AREA",
      name: `${m.name} ${d(0)} conservation area`,
      summary: "Historic street pattern with merchant houses from the 17th and 18th centuries.",
      district: d(0),
      period: "1600–1800",
      designation: "Protected townscape",
      isPublic: true,
      address: `${m.streets[0]} (whole street)`,
      ownerName: "Various owners",
      ownerContact: "via municipal register",
      reviewNotes: "Facade survey due next spring.",
    },
    {
      kind: "HISTORIC_AREA",
      name: `${d(1)} warehouse quarter`,
      summary: "Brick warehouses along the waterfront, converted to housing in the 1990s.",
      district: d(1),
      period: "1850–1910",
      designation: "Municipal monument group",
      isPublic: true,
      address: `${m.streets[1]} 2–40`,
      ownerName: "Harbour Housing Association",
      ownerContact: "beheer@harbourhousing.example",
      reviewNotes: "Owner applied for solar panels on roofs 12–18; advice pending.",
    },
    {
      kind: "CHARACTER_AREA",
      name: `${d(2)} garden village`,
      summary: "Early 20th-century workers' housing with front gardens and shared greens.",
      district: d(2),
      period: "1915–1930",
      designation: "Character area",
      isPublic: true,
      address: `${m.streets[2]} and surroundings`,
      ownerName: "Various owners",
      ownerContact: "via municipal register",
      reviewNotes: "Residents' association wants stricter rules on dormer windows.",
    },
    {
      kind: "ARCHAEOLOGICAL_ZONE",
      name: `${d(3)} Roman road find spot`,
      summary: "Buried remains of a Roman road and roadside settlement.",
      district: d(3),
      period: "50–250 AD",
      designation: "High archaeological value",
      isPublic: true,
      address: `Field behind ${m.streets[3]} 61`,
      ownerName: "J. Verhoeven (farmer)",
      ownerContact: "+31 6 5550 1234",
      reviewNotes: "Metal-detecting reported in October; police informed. Keep exact location confidential.",
    },
    {
      kind: "ARCHAEOLOGICAL_ZONE",
      name: `${d(4)} medieval moated site`,
      summary: "Outline of a moated manor visible in aerial photographs.",
      district: d(4),
      period: "1200–1450",
      designation: "Archaeological monument",
      isPublic: false,
      address: `Parcel B-1142, near ${m.streets[4 % m.streets.length]}`,
      ownerName: "Estate of M. de Wit",
      ownerContact: "notaris@dewit-estate.example",
      reviewNotes: "Ownership disputed; do not disclose to the public until the estate is settled.",
    },
    {
      kind: "MASTER_PLAN_ZONE",
      name: `${d(1)} waterfront master plan`,
      summary: "Zone for mixed housing and a public quay, adopted by the council.",
      district: d(1),
      period: "2024–2035",
      designation: "Master plan zone",
      isPublic: true,
      address: `${m.streets[1]} to ${m.streets[0]}`,
      ownerName: "Municipality",
      ownerContact: "planning desk",
      reviewNotes: "Developer negotiations confidential until council vote.",
    },
    {
      kind: "INVENTORY_RESOURCE",
      name: `Former town hall, ${m.streets[0]} 1`,
      summary: "Neo-classical town hall, now the municipal museum.",
      district: d(0),
      period: "1868",
      designation: "National monument",
      isPublic: true,
      address: `${m.streets[0]} 1`,
      ownerName: "Municipality",
      ownerContact: "facilities desk",
      reviewNotes: "Roof leak above the archive room; budget request filed.",
    },
    {
      kind: "INVENTORY_RESOURCE",
      name: `Windmill "De Hoop"`,
      summary: "Working corn mill, restored 2011.",
      district: d(2),
      period: "1794",
      designation: "National monument",
      isPublic: false,
      address: `${m.streets[2]} 88`,
      ownerName: "Molenstichting De Hoop",
      ownerContact: "+31 6 5550 7788",
      reviewNotes: "Insurance valuation attached to case file; not public.",
    },
  ];
}

type DocumentSeed = {
  kind: DocumentKind;
  visibility: "PUBLIC" | "INTERNAL";
  title: string;
  summary: string;
  body: string;
  url: string | null;
  dept: string;
};

function documentsFor(m: DemoMunicipality): DocumentSeed[] {
  return [
    {
      kind: "REGULATION",
      visibility: "PUBLIC",
      title: `${m.name} General Local Ordinance`,
      summary: "Rules on public order, events, terraces and noise.",
      body: "Article 2:10 — Terraces close at 23:00 on weekdays and 01:00 on Friday and Saturday. Article 4:6 — Construction noise is allowed between 07:00 and 19:00 on working days.",
      url: null,
      dept: "clerk",
    },
    {
      kind: "REGULATION",
      visibility: "PUBLIC",
      title: "Heritage permit regulation",
      summary: "When you need a permit to change a listed building or build in a protected area.",
      body: "A permit is needed for any change to the facade, roof or structure of a municipal or national monument, and for new buildings in a conservation area.",
      url: null,
      dept: "parks-heritage",
    },
    {
      kind: "LINK",
      visibility: "PUBLIC",
      title: "National monument register",
      summary: "Look up any national monument.",
      body: "External register maintained by the national heritage agency.",
      url: "https://example.org/monuments",
      dept: "parks-heritage",
    },
    {
      kind: "FORM",
      visibility: "PUBLIC",
      title: "Event permit application",
      summary: "Apply at least eight weeks before your event.",
      body: "Fill in the form and attach a site plan, a safety plan and proof of insurance.",
      url: null,
      dept: "clerk",
    },
    {
      kind: "GUIDANCE",
      visibility: "INTERNAL",
      title: "Handling aggressive callers",
      summary: "Internal protocol for front-desk and phone staff.",
      body: "End the call politely after one warning, note the case number, inform your team lead. Never give out colleagues' names or direct numbers.",
      url: null,
      dept: "clerk",
    },
    {
      kind: "GUIDANCE",
      visibility: "INTERNAL",
      title: "Pothole triage matrix",
      summary: "Which road defects get fixed within 24 hours, 5 days or the next maintenance round.",
      body: "Depth over 5 cm on a cycle route: 24 hours. Depth over 5 cm elsewhere: 5 working days. Surface cracks: next round.",
      url: null,
      dept: "public-works",
    },
    {
      kind: "LINK",
      visibility: "INTERNAL",
      title: "Contractor framework agreement (intranet)",
      summary: "Rates and response times of the road maintenance contractor.",
      body: "Confidential commercial terms. Intranet only.",
      url: "https://intranet.example/contracts/roads",
      dept: "public-works",
    },
  ];
}

/** What a municipality row needs; the demo municipalities and the tests' fresh ones alike. */
export type MunicipalitySeed = Pick<
  DemoMunicipality,
  "slug" | "name" | "requiresApproval" | "selfRegistrationDomains" | "departments"
> &
  Partial<
    Pick<
      DemoMunicipality,
      | "region"
      | "description"
      | "lockoutUntilUnlocked"
      | "inactivityDays"
      | "emailDomains"
      | "timeZone"
      | "accessContact"
    >
  >;

/** Every demo municipality's own tag list (seed 000: staff add notes and tags to submissions). */
export const DEMO_TAGS = ["Urgent", "Repeat report", "Contractor", "Needs site visit"];

/** One municipality with its departments (the seed's factory, also used by test/fixtures). */
export function createMunicipality(prisma: PrismaClient, m: MunicipalitySeed) {
  return prisma.municipality.create({
    data: {
      slug: m.slug,
      name: m.name,
      region: m.region ?? null,
      description: m.description ?? null,
      requiresApproval: m.requiresApproval,
      selfRegistrationDomains: m.selfRegistrationDomains,
      emailDomains: m.emailDomains ?? [],
      lockoutUntilUnlocked: m.lockoutUntilUnlocked ?? false,
      ...(m.timeZone ? { timeZone: m.timeZone } : {}),
      accessContact: m.accessContact ?? null,
      // Absent: the column's default (90 days).
      ...(m.inactivityDays !== undefined ? { inactivityDays: m.inactivityDays } : {}),
      departments: { create: m.departments },
    },
    include: { departments: true },
  });
}

/** Creates municipalities, departments and records. Skips a municipality that already exists. */
export async function seedDemoData(
  prisma: PrismaClient,
  opts: { requestsPerMunicipality?: number } = {},
): Promise<void> {
  const perMunicipality = opts.requestsPerMunicipality ?? 45;
  for (const m of DEMO_MUNICIPALITIES) {
    if (await prisma.municipality.findUnique({ where: { slug: m.slug }, select: { id: true } })) continue;
    const muni = await createMunicipality(prisma, m);
    const dept = (slug: string) => muni.departments.find((d) => d.slug === slug)?.id ?? muni.departments[0]?.id ?? null;
    const requests = Array.from({ length: perMunicipality }, (_, n) => buildServiceRequest(m, n));
    await prisma.serviceRequest.createMany({
      // Notes are timeline entries (INTERNAL_NOTE, below), not a column.
      data: requests.map(({ departmentSlug, internalNotes: _notes, ...r }) => ({
        ...r,
        ...coarseLocation(r.latitude, r.longitude),
        municipalityId: muni.id,
        departmentId: dept(departmentSlug),
      })),
    });
    // The next reference continues after the seeded ones (RIV-00046 after 45 requests).
    await prisma.municipality.update({ where: { id: muni.id }, data: { requestCounter: perMunicipality } });
    await prisma.requestTag.createMany({
      data: DEMO_TAGS.map((label) => ({ municipalityId: muni.id, label })),
    });
    // Each request's timeline starts with its filing, and a status it has moved to since.
    const seeded = await prisma.serviceRequest.findMany({
      where: { municipalityId: muni.id },
      select: { id: true, reference: true, isPublic: true, status: true, createdAt: true },
    });
    const notes = new Map(requests.map((r) => [r.reference, r.internalNotes]));
    await prisma.requestEvent.createMany({
      data: seeded.flatMap((r) => [
        {
          municipalityId: muni.id,
          requestId: r.id,
          onPublicRequest: r.isPublic,
          kind: "CREATED" as const,
          createdAt: r.createdAt,
        },
        ...(r.status === "SUBMITTED"
          ? []
          : [
              {
                municipalityId: muni.id,
                requestId: r.id,
                onPublicRequest: r.isPublic,
                kind: "STATUS_CHANGED" as const,
                fromStatus: "SUBMITTED" as const,
                toStatus: r.status,
                createdAt: new Date(r.createdAt.getTime() + 86_400_000),
              },
            ]),
        ...(notes.get(r.reference)
          ? [
              {
                municipalityId: muni.id,
                requestId: r.id,
                onPublicRequest: r.isPublic,
                kind: "INTERNAL_NOTE" as const,
                body: notes.get(r.reference)!,
                createdAt: new Date(r.createdAt.getTime() + 2 * 86_400_000),
              },
            ]
          : []),
      ]),
    });
    await prisma.heritageSite.createMany({
      data: heritageFor(m).map((h, i) => ({
        ...h,
        municipalityId: muni.id,
        latitude: m.center[0] + i / 1000,
        longitude: m.center[1] - i / 1000,
      })),
    });
    await prisma.document.createMany({
      data: documentsFor(m).map(({ dept: d, ...doc }) => ({ ...doc, municipalityId: muni.id, departmentId: dept(d) })),
    });
  }
}
