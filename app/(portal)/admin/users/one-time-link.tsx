"use client";
import { useState } from "react";

/** Shown once to the administrator, since the portal may have no email configured. */
export function OneTimeLink({ token, who }: { token: string; who: string }) {
  const [copied, setCopied] = useState(false);
  const url = `${typeof window === "undefined" ? "" : window.location.origin}/set-password/${token}`;
  return (
    <div role="status" className="mb-6 rounded-md border-l-4 border-green-700 bg-green-50 p-4">
      <p className="font-semibold">Give this one-time link to {who}.</p>
      <p className="mb-2 text-sm">It lets them set their password, works once, and expires in 72 hours. It will not be shown again.</p>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          readOnly
          aria-label="One-time password link"
          value={url}
          className="w-full rounded-md border border-gray-400 bg-white px-3 py-2 font-mono text-sm"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button
          type="button"
          className="rounded-md border border-gray-400 bg-white px-3 py-2 text-sm font-semibold"
          onClick={async () => {
            await navigator.clipboard?.writeText(url).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy link"}
        </button>
      </div>
    </div>
  );
}
