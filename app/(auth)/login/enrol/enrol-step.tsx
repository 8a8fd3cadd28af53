"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { EnrolFactor, RecoveryCodes } from "@/components/auth/enrol-factor";

export function EnrolStep({ next }: { next: string }) {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  const go = () => {
    router.replace(next);
    router.refresh();
  };
  if (codes) return <RecoveryCodes codes={codes} onContinue={go} continueLabel="Continue to Ringfence" />;
  return <EnrolFactor onEnrolled={(c) => (c ? setCodes(c) : go())} />;
}
