import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FileError } from './row-error.ts';

/** Parses GPX/TCX text with namespace prefixes removed; a malformed document is a FileError with its line. */
export function parseXml(text: string, file: string, arrays: string[]): Record<string, unknown> {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw new FileError(file, `malformed XML: ${valid.err.msg}`, valid.err.line);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    processEntities: true,
    isArray: (name) => arrays.includes(name),
  });
  return parser.parse(body) as Record<string, unknown>;
}

export type Node = Record<string, unknown>;
export const child = (node: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((n, key) => (n && typeof n === 'object' ? (n as Node)[key] : undefined), node);
export const list = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v === undefined || v === null || v === '' ? [] : [v as Node]);
export const numberAt = (node: unknown, ...path: string[]): number | undefined => {
  const v = child(node, ...path);
  const text = typeof v === 'object' && v !== null ? (v as Node)['#text'] : v;
  const n = text === undefined || text === '' ? NaN : Number(text);
  return Number.isFinite(n) ? n : undefined;
};
export const textAt = (node: unknown, ...path: string[]): string | undefined => {
  const v = child(node, ...path);
  if (v === undefined || v === null) return undefined;
  return String(typeof v === 'object' ? ((v as Node)['#text'] ?? '') : v).trim() || undefined;
};
