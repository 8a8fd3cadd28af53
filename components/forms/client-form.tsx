"use client";
import type { FormHTMLAttributes, ReactNode } from "react";
import { useHydrated } from "./use-hydrated";

/**
 * A form whose submission is handled in the browser (react-hook-form or an onSubmit handler).
 *
 * Until the page has hydrated its controls are disabled: react-hook-form writes each field's
 * default value into the control when it registers it, so anything typed or chosen before then
 * would be silently replaced, and a submit before hydration would post the form natively.
 * The fieldset uses `display: contents`, so it changes nothing in the form's layout.
 */
export function ClientForm({ children, ...props }: FormHTMLAttributes<HTMLFormElement>) {
  const hydrated = useHydrated();
  return (
    <form {...props} data-hydrated={hydrated ? "" : undefined}>
      <fieldset role="none" disabled={!hydrated} className="contents">
        {children}
      </fieldset>
    </form>
  );
}

/**
 * Disables the controls inside it until the page has hydrated, for controls that are not in a
 * ClientForm: a controlled input's pre-hydration text stays in the page but not in React's state,
 * so the next render would wipe it, and a file chosen before then never reaches the upload code.
 */
export function HydrationGate({ children }: { children: ReactNode }) {
  const hydrated = useHydrated();
  return (
    <fieldset role="none" disabled={!hydrated} className="contents" data-hydrated={hydrated ? "" : undefined}>
      {children}
    </fieldset>
  );
}
