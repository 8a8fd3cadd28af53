import { buttonClass } from "@/components/ui/button";
import { ssoSignInAction } from "./actions";

/** One "Sign in with <name>" button per enabled provider; each is a form, so it works before the page has hydrated. */
export function SsoButtons({ providers, next }: { providers: { id: string; name: string }[]; next: string }) {
  if (providers.length === 0) return null;
  return (
    <section aria-labelledby="sso-heading" className="mt-6 border-t border-gray-300 pt-6">
      <h2 id="sso-heading" className="mb-3 text-sm font-semibold">
        Or sign in through your organisation
      </h2>
      <ul className="flex flex-col gap-2">
        {providers.map((p) => (
          <li key={p.id}>
            <form action={ssoSignInAction}>
              <input type="hidden" name="providerId" value={p.id} />
              <input type="hidden" name="next" value={next} />
              <button type="submit" className={buttonClass("secondary", "w-full text-center break-words")}>
                Sign in with {p.name}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
}
