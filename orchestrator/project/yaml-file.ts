import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isPair, isScalar, type Document } from 'yaml';
import { ProjectError } from './errors.ts';

/** A parsed YAML file that can say on which line any value or key sits. */
export interface YamlFile {
  file: string;
  doc: Document;
  value: unknown;
  lineOf(path: (string | number)[], key?: string): number | undefined;
}

export function readYamlFile(absPath: string, displayPath: string): YamlFile {
  return parseYamlText(readFileSync(absPath, 'utf8'), displayPath);
}

export function parseYamlText(text: string, displayPath: string): YamlFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const line = lineCounter.linePos(err.pos[0]).line;
    throw new ProjectError(`invalid YAML: ${err.message.split('\n')[0]}`, displayPath, line);
  }
  const lineOf = (path: (string | number)[], key?: string): number | undefined => {
    const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
    if (key !== undefined && isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
      const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
      if (range) return lineCounter.linePos(range[0]).line;
    }
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : undefined;
  };
  return { file: displayPath, doc, value: doc.toJS() ?? {}, lineOf };
}
