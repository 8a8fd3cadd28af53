import Link from "next/link";
import { getDb } from "@/db/client";
import { requireActor } from "@/lib/auth/session";
import { countUnread } from "@/lib/notifications/queries";
import { navFor } from "@/lib/auth/navigation";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { NavLinks } from "@/components/shell/nav-links";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { NotificationsLink } from "@/components/shell/notifications-link";

// Draws the shell only. Every page and action checks permission itself: layouts
// do not re-render on client navigation, so they are never the only guard.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const items = navFor(actor.role).map(({ href, label }) => ({ href, label }));
  const unread = await countUnread(await getDb(), actor.userId);
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="bg-brand-800 text-white">
        <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-3 md:flex-row md:items-center md:justify-between">
          <div className="flex items-center justify-between gap-4">
            <Link href="/" className="text-lg font-bold tracking-tight">
              Ringfence
            </Link>
            <p className="text-right text-xs md:hidden">
              {actor.name}
              <br />
              {ROLE_LABELS[actor.role]}
            </p>
          </div>
          <nav aria-label="Main">
            <NavLinks items={items} />
          </nav>
          <div className="flex items-center gap-3">
            <p className="hidden text-right text-xs md:block" data-testid="whoami">
              {actor.name} · {ROLE_LABELS[actor.role]}
              <br />
              {actor.organisationName}
            </p>
            <NotificationsLink unread={unread} />
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
