/** Form-level messages, announced to screen readers as they appear. */
export function FormAlert({ message, tone = "error" }: { message?: string | null; tone?: "error" | "success" }) {
  const color = tone === "error" ? "border-red-700 bg-red-50 text-red-800" : "border-green-700 bg-green-50 text-green-900";
  return (
    <div aria-live="polite" className="min-h-0">
      {message ? (
        <p role={tone === "error" ? "alert" : "status"} className={`mb-4 rounded-md border-l-4 p-3 text-sm font-medium ${color}`}>
          {message}
        </p>
      ) : null}
    </div>
  );
}
