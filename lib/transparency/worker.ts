import "server-only";
import { getDb } from "@/db/client";
import { getConfig } from "@/lib/config";
import { logError, logInfo } from "@/lib/server/log";
import { signCheckpoint } from "./log";

/**
 * Signs a checkpoint every LOG_CHECKPOINT_SECONDS when the log has grown. Runs
 * in every server process; two instances signing the same size keep one row.
 */
let timer: NodeJS.Timeout | undefined;
let running = false;

export function startCheckpointWorker(): void {
  const seconds = getConfig().log.checkpointSeconds;
  if (timer || seconds === 0) return;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await signCheckpoint(await getDb());
    } catch (err) {
      logError("transparency log: could not sign a checkpoint", err);
    } finally {
      running = false;
    }
  };
  timer = setInterval(() => void tick(), seconds * 1000);
  timer.unref();
  void tick();
  logInfo(`transparency log: a checkpoint is signed every ${seconds} s when the log grows (origin ${getConfig().log.origin})`);
}

export function stopCheckpointWorker(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
}
