/** Commands report their exit code here; main.ts alone turns it into the process's. */
let code = 0;

export function action<A extends unknown[]>(fn: (...args: A) => Promise<number>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    code = await fn(...args);
  };
}

export function commandExitCode(): number {
  return code;
}
