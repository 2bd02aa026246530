/**
 * Sessions still open when the process is told to stop (Ctrl-C, a job cancelled)
 * are closed before it goes, so the warehouse does not keep them until they time
 * out. Normal exits close their adapter in a `finally`; this covers signals.
 */
export interface Closable {
  close(): Promise<void>;
}

const open = new Set<Closable>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
let installed = false;

/** Closes every registered session, waiting at most `timeoutMs`. */
export async function closeAll(timeoutMs = 5_000): Promise<void> {
  const closing = Promise.allSettled([...open].map((s) => s.close()));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
    timer.unref();
  });
  await Promise.race([closing, timeout]);
  clearTimeout(timer);
  open.clear();
}

async function onSignal(signal: NodeJS.Signals): Promise<void> {
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  installed = false;
  await closeAll();
  // Re-raise with the default handler in place, so the exit status says which signal ended the run.
  process.kill(process.pid, signal);
}

export function track(session: Closable): void {
  open.add(session);
  if (!installed) {
    for (const s of SIGNALS) process.once(s, onSignal);
    installed = true;
  }
}

export function untrack(session: Closable): void {
  open.delete(session);
  if (open.size === 0 && installed) {
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    installed = false;
  }
}

/** How many sessions are open (for tests and `stride debug`). */
export function openCount(): number {
  return open.size;
}
