import { signOutAction } from "../actions";

/** For the sign-in steps after the password: leave and start again as someone else. */
export function SignOutLink() {
  return (
    <form action={signOutAction} className="mt-6 border-t border-gray-200 pt-4 text-sm">
      <button type="submit" className="text-brand-700 underline hover:text-brand-800">
        Cancel and sign out
      </button>
    </form>
  );
}
