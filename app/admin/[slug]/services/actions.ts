"use server";

// The municipality admin's connected-services actions (lib/actions/services.ts writes them once for
// both consoles): the municipality comes from the posted slug, the service from the posted id.
import { adminServiceActions as act, type RegisteredData, type SecretData } from "@/lib/actions/services";
import type { ActionResult } from "@/lib/action-result";

type R<T = undefined> = ActionResult<T>;

export async function registerServiceAction(_: R<RegisteredData> | null, form: FormData): Promise<R<RegisteredData>> {
  return act.register(form);
}
export async function updateServiceAction(_: R | null, form: FormData): Promise<R> {
  return act.update(form);
}
export async function rotateServiceSecretAction(_: R<SecretData> | null, form: FormData): Promise<R<SecretData>> {
  return act.rotateClientSecret(form);
}
export async function rotateServiceWebhookSecretAction(
  _: R<SecretData> | null,
  form: FormData,
): Promise<R<SecretData>> {
  return act.rotateWebhookSecret(form);
}
export async function disableServiceAction(_: R | null, form: FormData): Promise<R> {
  return act.disable(form);
}
export async function enableServiceAction(_: R | null, form: FormData): Promise<R> {
  return act.enable(form);
}
