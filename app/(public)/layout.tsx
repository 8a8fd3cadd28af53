import Link from "next/link";

/** Pages anyone can read without signing in: public summaries of published reports. */
export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <header className="border-b border-gray-300 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-3">
          <Link href="/public/reports" className="text-xl font-bold text-brand-800">
            Ringfence
          </Link>
          <Link href="/login" className="text-sm text-brand-700 underline">
            Sign in
          </Link>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
