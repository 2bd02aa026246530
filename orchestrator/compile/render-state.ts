/** What one template render may call back into; set before each (synchronous) render. */
export interface RenderHooks {
  ref(name: string): string;
  source(source: string, table: string): string;
  config(values: Record<string, unknown>): void;
  var(name: string, fallback?: unknown): unknown;
  env_var(name: string, fallback?: string): string;
  /** The model's own relation, rendered. */
  thisRelation?: string;
  isIncremental: boolean;
}

export class RenderState {
  current?: RenderHooks;
  /** The error a hook threw, kept because Nunjucks rewraps errors without their cause. */
  pendingError?: unknown;
  get(): RenderHooks {
    if (!this.current) throw new Error('template rendered outside a model');
    return this.current;
  }
}
