export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main id="main" className="flex min-h-screen items-start justify-center px-4 py-10 sm:items-center">
      <div className="w-full max-w-md">
        <p className="mb-6 text-center text-2xl font-bold text-brand-800">Ringfence</p>
        <div className="rounded-lg border border-gray-300 bg-white p-6 shadow-sm">{children}</div>
      </div>
    </main>
  );
}
