import nunjucks from 'nunjucks';
import type { RenderHooks } from './render-state.ts';
import type { TemplateEnvironment } from './environment.ts';

/** A render failure with the file and line it came from. */
export class RenderError extends Error {
  constructor(message: string, readonly file: string, readonly line?: number, options?: { cause?: unknown }) {
    super(`${file}${line ? `:${line}` : ''}: ${message}`, options);
    this.name = 'RenderError';
  }
}

/** Line of the first occurrence of `needle` in `text`, to point at a bad ref() or macro call. */
export function lineOf(text: string, needle: RegExp): number | undefined {
  const match = needle.exec(text);
  return match ? text.slice(0, match.index).split('\n').length : undefined;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function renderTemplate(te: TemplateEnvironment, raw: string, file: string, hooks: RenderHooks): string {
  te.state.current = hooks;
  te.state.pendingError = undefined;
  try {
    let template = te.templates.get(file);
    if (!template) {
      template = new nunjucks.Template(raw, te.env, file, true);
      te.templates.set(file, template);
    }
    return template.render({ this: hooks.thisRelation });
  } catch (err) {
    const pending = te.state.pendingError;
    if (pending instanceof RenderError) throw pending;
    const e = err as Error & { lineno?: number };
    const reported = /\[Line (\d+), Column \d+\]/.exec(e.message);
    e.lineno ??= reported ? Number(reported[1]) : undefined;
    if (pending instanceof Error) throw new RenderError(pending.message, file, e.lineno, { cause: pending });
    const text = e.message.split('\n').map((l) => l.trim()).filter(Boolean);
    const detail = text[text.length - 1]?.replace(/^Error: /, '') ?? e.message;
    const unknown = /Unable to call `([^`]+)`, which is undefined/.exec(detail);
    if (unknown) {
      const name = unknown[1];
      throw new RenderError(
        `calls unknown macro '${name}' (no macro, ${name}, or engine variant of it, is defined in macros/)`,
        file,
        lineOf(raw, new RegExp(`\\b${escapeRe(name)}\\s*\\(`)) ?? e.lineno,
        { cause: err },
      );
    }
    throw new RenderError(detail, file, e.lineno, { cause: err });
  } finally {
    te.state.current = undefined;
    te.state.pendingError = undefined;
  }
}
