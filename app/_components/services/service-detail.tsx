// One connected service's page, on both consoles (/admin/<slug>/services/<id> and
// /platform/services/<id>): its state, its settings form, its credentials (the client ID; a secret
// only right after a rotation, from the action's answer), what its developers need, and the
// consequential buttons. The page hands it a DTO without either secret's hash or box.
import type { ActionResult } from "@/lib/action-result";
import type { SearchParams } from "@/lib/http/search-params";
import type { ServiceView } from "@/lib/data/services";
import type { DeveloperInfo } from "@/lib/flows/services";
import { accessStateLabel, settingsOf } from "@/lib/schemas/services";
import { Badge } from "@/app/_components/badge";
import { TitledSection } from "@/app/_components/titled-section";
import type { FormAction } from "@/app/_components/use-form-action";
import { ServiceForm, type KindChoice } from "./service-form";
import { DisableOrEnable, RotateSecrets, type ServiceControlActions } from "./service-controls";
import { DeliveryList } from "./delivery-list";
import { AccessChecks } from "./access-checks";

export type ServiceDetailActions = ServiceControlActions & { update: FormAction<ActionResult> };

const day = (d: Date) => d.toISOString().slice(0, 10);

export function ServiceState({ disabledAt }: { disabledAt: Date | null }) {
  return disabledAt ? <Badge tone="bad">Disabled</Badge> : <Badge tone="good">Enabled</Badge>;
}

export function ServiceDetail({
  service,
  slug,
  hidden,
  actions,
  kinds,
  info,
  signedIn,
  owner,
  searchParams,
}: {
  service: ServiceView;
  /** The municipality whose console this is; null on the platform console. */
  slug: string | null;
  hidden: Record<string, string>;
  actions: ServiceDetailActions;
  kinds: KindChoice[];
  info: DeveloperInfo;
  signedIn: number;
  /** Whose service it is, in words ("Riverton", "Every municipality"). */
  owner: string;
  /** The page's query: the deliveries' filter and page travel in it. */
  searchParams: SearchParams;
}) {
  const s = service;
  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium text-slate-700">State</dt>
        <dd>
          <ServiceState disabledAt={s.disabledAt} />
          {s.disabledAt ? ` since ${day(s.disabledAt)}: nobody can sign in to it` : ""}
        </dd>
        <dt className="font-medium text-slate-700">Belongs to</dt>
        <dd>{owner}</dd>
        <dt className="font-medium text-slate-700">People signed in through Gatehouse</dt>
        <dd>{signedIn}</dd>
        <dt className="font-medium text-slate-700">Registered</dt>
        <dd>{day(s.createdAt)}</dd>
        <dt className="font-medium text-slate-700">Access by membership state</dt>
        <dd>
          {s.accessStates.length
            ? s.accessStates.map(accessStateLabel).join(", ")
            : "none (groups and direct grants only)"}
        </dd>
      </dl>

      <TitledSection id="svc-credentials" title="Credentials" gap={4}>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-700">Client ID</dt>
          <dd className="break-all font-mono text-xs" data-testid="client-id">
            {s.clientId}
          </dd>
          <dt className="font-medium text-slate-700">Client secret</dt>
          <dd>
            ends in <span className="font-mono text-xs">…{s.clientSecretHint}</span>{" "}
            <span className="text-slate-500">(shown only once, when it was made)</span>
          </dd>
          <dt className="font-medium text-slate-700">Webhook secret</dt>
          <dd>{s.webhookSecretSet ? "set (shown only once, when it was made)" : "not set"}</dd>
        </dl>
        {s.canUpdate && <RotateSecrets actions={actions} hidden={hidden} name={s.name} />}
      </TitledSection>

      <TitledSection id="svc-settings" title="Settings" gap={4}>
        <ServiceForm
          mode="edit"
          action={actions.update}
          hidden={hidden}
          kinds={kinds}
          readOnly={!s.canUpdate}
          values={{ ...settingsOf(s), kind: s.slug }}
        />
      </TitledSection>

      <DeveloperNotes info={info} />

      {/* What the service was told (sign-out notices, webhooks) and the access checks running over it. */}
      <DeliveryList slug={slug} serviceId={s.id} searchParams={searchParams} />
      <AccessChecks slug={slug} serviceId={s.id} />

      {s.canUpdate && (
        <TitledSection id="svc-state" title={s.disabledAt ? "Enable the service" : "Disable the service"}>
          <p className="text-sm text-slate-600">
            {s.disabledAt
              ? "It is disabled: nobody can sign in to it, and it gets no decisions."
              : "Disabling stops every sign-in to it and signs everyone out of it now. Nothing is deleted."}
          </p>
          <DisableOrEnable actions={actions} hidden={hidden} name={s.name} disabled={s.disabledAt !== null} />
        </TitledSection>
      )}
    </div>
  );
}

function DeveloperNotes({ info }: { info: DeveloperInfo }) {
  const rows: [string, string][] = [
    ["Issuer", info.issuer],
    ["Discovery URL", info.discoveryUrl],
    ["AuthZEN endpoint", info.authzenEndpoint],
  ];
  return (
    <TitledSection id="svc-developers" title="For the service's developers" gap={4}>
      <p className="text-sm text-slate-600">
        The service signs people in with OpenID Connect (authorization code with PKCE, client_secret_basic) and asks for
        decisions with the OpenID AuthZEN API, authenticating with its client ID and secret (HTTP Basic).
      </p>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="font-medium text-slate-700">{k}</dt>
            <dd className="break-all font-mono text-xs">{v}</dd>
          </div>
        ))}
      </dl>
      <h3 className="font-medium">Resource types</h3>
      {info.resourceTypes.length === 0 ? (
        <p className="text-sm text-slate-600">
          No policy file declares resource types for this kind of service, so it asks Gatehouse only whether a person
          may use it.
        </p>
      ) : (
        <ul className="space-y-1 text-sm">
          {info.resourceTypes.map((t) => (
            <li key={t.name}>
              <span className="font-medium">{t.label}</span> (<span className="font-mono text-xs">{t.name}</span>)
              {t.enabled ? "" : " — not enabled for this service"}: actions {t.actions.join(", ")}; attributes{" "}
              {t.attributes.join(", ")}.
            </li>
          ))}
        </ul>
      )}
      {info.policyFile && <p className="text-xs text-slate-500">Declared in {info.policyFile}.</p>}
      <h3 className="font-medium">Who may use it</h3>
      {info.groups.length === 0 ? (
        <p className="text-sm text-slate-600">
          No group file grants access to it: only membership states and direct grants do.
        </p>
      ) : (
        <ul className="space-y-1 text-sm">
          {info.groups.map((g) => (
            <li key={g.name}>
              <span className="font-medium">{g.label}</span>
              {g.grants.length ? `: ${g.grants.join("; ")}` : ": may use it"}.
            </li>
          ))}
        </ul>
      )}
    </TitledSection>
  );
}
