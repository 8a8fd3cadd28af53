import Link from "next/link";

export default function PortalNotFound() {
  return (
    <div className="rounded-lg border border-gray-300 bg-white p-6">
      <h1 className="mb-2 text-xl font-bold">Not found</h1>
      <p className="mb-4 text-muted">There is nothing here, or you do not have access to it.</p>
      <Link href="/" className="text-brand-700 underline">
        Go to your start page
      </Link>
    </div>
  );
}
