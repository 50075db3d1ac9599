"use server";

// The platform console's connected-services actions (lib/actions/services.ts writes them once for
// both consoles): behind the console's gate, any service the policies reach; a new one is
// platform-wide or for the municipality chosen in the form.
import { platformServiceActions as act, type RegisteredData, type SecretData } from "@/lib/actions/services";
import type { ActionResult } from "@/lib/action-result";

type R<T = undefined> = ActionResult<T>;

export async function registerPlatformServiceAction(
  _: R<RegisteredData> | null,
  form: FormData,
): Promise<R<RegisteredData>> {
  return act.register(form);
}
export async function updatePlatformServiceAction(_: R | null, form: FormData): Promise<R> {
  return act.update(form);
}
export async function rotatePlatformServiceSecretAction(
  _: R<SecretData> | null,
  form: FormData,
): Promise<R<SecretData>> {
  return act.rotateClientSecret(form);
}
export async function rotatePlatformServiceWebhookSecretAction(
  _: R<SecretData> | null,
  form: FormData,
): Promise<R<SecretData>> {
  return act.rotateWebhookSecret(form);
}
export async function disablePlatformServiceAction(_: R | null, form: FormData): Promise<R> {
  return act.disable(form);
}
export async function enablePlatformServiceAction(_: R | null, form: FormData): Promise<R> {
  return act.enable(form);
}
