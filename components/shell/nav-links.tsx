"use client";
import Link, { useLinkStatus } from "next/link";
import { usePathname } from "next/navigation";

/**
 * While the page a navigation link leads to is on its way, the link says so. Portal pages render
 * whole on the server (no loading.tsx: a streamed placeholder held the page's content back until
 * the scripts had run), so this is the feedback between a click and the new page.
 */
function Pending() {
  const { pending } = useLinkStatus();
  // A bar under the label, drawn over the link's padding: nothing moves when it comes and goes.
  return pending ? <span aria-hidden="true" data-pending="true" className="absolute inset-x-3 bottom-1 h-0.5 animate-pulse rounded bg-current" /> : null;
}

export function NavLinks({ items }: { items: { href: string; label: string }[] }) {
  const pathname = usePathname();
  // The most specific matching item is the current page.
  const current = items.filter((i) => pathname === i.href || pathname.startsWith(`${i.href}/`)).sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <ul className="flex flex-wrap gap-1">
      {items.map((item) => (
        <li key={item.href}>
          <Link
            href={item.href}
            aria-current={item.href === current ? "page" : undefined}
            className="relative block rounded-md px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 aria-[current=page]:bg-white aria-[current=page]:text-brand-800"
          >
            {item.label}
            <Pending />
          </Link>
        </li>
      ))}
    </ul>
  );
}
