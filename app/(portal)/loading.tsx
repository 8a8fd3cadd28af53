export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="mx-auto max-w-6xl px-4 py-6 text-muted">
      Loading…
    </div>
  );
}
