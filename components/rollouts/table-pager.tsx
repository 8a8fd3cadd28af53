import type { ComponentProps } from "react";
import { Pager } from "@/components/ui/pager";

/** Which slice of `total` rows one page shows; an out-of-range page number is brought back into range. */
export function pageOf(total: number, requested: number, perPage: number) {
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(Math.max(1, Math.floor(requested) || 1), pageCount);
  const from = (page - 1) * perPage;
  return { page, pageCount, from, to: Math.min(total, from + perPage) };
}

/** The shared pager (components/ui/pager.tsx) at the foot of a bordered table. */
export function TablePager(props: Omit<ComponentProps<typeof Pager>, "className"> & { label: string }) {
  return <Pager {...props} className="border-t border-gray-200 px-3 py-2" />;
}
