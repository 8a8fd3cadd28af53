/** The shared pager: components/ui/pager.tsx. */
export { Pager } from "@/components/ui/pager";
