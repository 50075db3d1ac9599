// Whether React runs in the browser yet: false in the server render and during hydration, true
// after. Forms keep their submit button disabled until then, because a click before hydration
// would submit natively (a GET that drops the input and skips validation).
import { useSyncExternalStore } from "react";

const noopSubscribe = () => () => undefined;

export function useHydrated(): boolean {
  return useSyncExternalStore(
    noopSubscribe,
    () => true,
    () => false,
  );
}
