"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False while the server-rendered page is being hydrated, true once React owns it.
 * Use it to hold off input that React would otherwise overwrite when it takes the page over.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
