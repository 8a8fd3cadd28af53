import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16" data-no-times>
      <h1 className="mb-2 text-2xl font-bold">Not found</h1>
      <p className="mb-4 text-muted">There is nothing here, or you do not have access to it.</p>
      <Link href="/" className="text-brand-700 underline">
        Go to your start page
      </Link>
    </main>
  );
}
