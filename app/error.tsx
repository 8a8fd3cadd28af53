"use client";

// Shows a safe message; the server log has the details under the digest.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16" data-no-times>
      <h1 className="mb-2 text-2xl font-bold">Something went wrong</h1>
      <p className="mb-4 text-muted">
        The page could not be shown. Nothing you saved before this was lost.
        {error.digest ? ` If it happens again, quote reference ${error.digest}.` : ""}
      </p>
      <button type="button" onClick={reset} className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">
        Try again
      </button>
    </main>
  );
}
