import type { ButtonHTMLAttributes } from "react";

type Variant = "primary" | "secondary" | "danger" | "link";

const styles: Record<Variant, string> = {
  primary: "bg-brand-700 text-white hover:bg-brand-800 disabled:bg-gray-400",
  secondary: "bg-white text-ink border border-gray-400 hover:bg-gray-50 disabled:text-gray-500",
  danger: "bg-red-700 text-white hover:bg-red-800 disabled:bg-gray-400",
  link: "text-brand-700 underline hover:text-brand-800 px-0 py-0",
};

export function buttonClass(variant: Variant = "primary", extra = ""): string {
  const base = variant === "link" ? "" : "inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-semibold min-h-10";
  return `${base} ${styles[variant]} disabled:cursor-not-allowed ${extra}`.trim();
}

export function Button({ variant = "primary", className = "", ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return <button type="button" className={buttonClass(variant, className)} {...props} />;
}
