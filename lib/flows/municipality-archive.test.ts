// Archiving a municipality cuts its people's connected services at once (not only at their next
// sign-in there): the open link ends and a back-channel logout is queued in the same transaction,
// while a member of another municipality who uses the same kind of service keeps it.
import { describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson } from "@/test/fixtures/people";
import { freshService } from "@/test/fixtures/services";
import { viewerOf } from "@/test/fixtures/viewers";
import { setMunicipalityArchivedEverywhere } from "./municipality-archive";

const raw = testPrisma();

describe("archiving a municipality", () => {
  it("ends its members' service links and queues their logouts; another town's member keeps theirs", async () => {
    const town = await freshMunicipality();
    const other = await freshMunicipality();
    const [here, there] = await Promise.all([
      freshService({ municipalityId: town.id, backchannelLogoutUri: "http://127.0.0.1:9/logout" }),
      freshService({ municipalityId: other.id, backchannelLogoutUri: "http://127.0.0.1:9/logout" }),
    ]);
    const clerk = await freshPerson(town.id, ["operator"]);
    const neighbour = await freshPerson(other.id, ["operator"]);
    await raw.serviceLink.createMany({
      data: [
        { serviceId: here.id, municipalityId: town.id, userId: clerk.id },
        { serviceId: there.id, municipalityId: other.id, userId: neighbour.id },
      ],
    });

    const pa = await viewerOf("platform.admin@gatehouse.test");
    await setMunicipalityArchivedEverywhere(pa, { slug: town.slug, archived: true, confirm: town.slug });

    const link = await raw.serviceLink.findUniqueOrThrow({
      where: { serviceId_userId: { serviceId: here.id, userId: clerk.id } },
    });
    expect(link.endedAt).not.toBeNull();
    expect(link.endReason).toMatch(/municipality archived/);
    expect(
      await raw.serviceDelivery.count({ where: { serviceId: here.id, kind: "BACKCHANNEL_LOGOUT" } }),
    ).toBeGreaterThan(0);
    const kept = await raw.serviceLink.findUniqueOrThrow({
      where: { serviceId_userId: { serviceId: there.id, userId: neighbour.id } },
    });
    expect(kept.endedAt).toBeNull();
  });
});
