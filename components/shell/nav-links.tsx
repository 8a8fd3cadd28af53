"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

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
            className="block rounded-md px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 aria-[current=page]:bg-white aria-[current=page]:text-brand-800"
          >
            {item.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}
