// The rollout pages' helpers now live in the one formatting module; kept so existing imports work.
export { duration, utc } from "@/lib/format";
