import { signOutAction } from "@/app/(auth)/actions";

export function SignOutButton() {
  return (
    <form action={signOutAction}>
      <button type="submit" className="rounded-md border border-white/70 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
        Sign out
      </button>
    </form>
  );
}
