import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { LANDING } from "@/lib/auth/navigation";

export default async function Home() {
  const actor = await requireActor();
  redirect(LANDING[actor.role]);
}
