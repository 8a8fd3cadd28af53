"use client";

export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-300 bg-white p-6">
      <h1 className="mb-2 text-xl font-bold">This page could not be shown</h1>
      <p className="mb-4 text-muted">
        Something went wrong on our side. Nothing you saved before this was lost.
        {error.digest ? ` If it happens again, quote reference ${error.digest}.` : ""}
      </p>
      <button type="button" onClick={reset} className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">
        Try again
      </button>
    </div>
  );
}
