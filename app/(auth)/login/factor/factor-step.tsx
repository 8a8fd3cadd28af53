"use client";
import { useRouter } from "next/navigation";
import { FactorChallenge, type FactorKinds } from "@/components/auth/factor-challenge";

export function FactorStep({ kinds, next }: { kinds: FactorKinds; next: string }) {
  const router = useRouter();
  return (
    <FactorChallenge
      kinds={kinds}
      next={next}
      onDone={(to) => {
        router.replace(to);
        router.refresh();
      }}
    />
  );
}
