import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { hms } from '../../ml/pipeline/predictions-report.ts';
import { nodeHref } from './collect-project.ts';
import type { AthleteData, AthletePrediction, MlflowView, ProjectDocs } from './site-model.ts';

export interface SiteContent {
  project: ProjectDocs;
  athletes: AthleteData;
  mlflow: MlflowView;
  generatedAt: string;
}

const TEMPLATES = join(import.meta.dirname, 'templates');

const GROUP_LABELS: Record<string, string> = {
  source: 'source',
  seed: 'seed',
  staging: 'staging model',
  model: 'model',
  feature_table: 'feature table',
  training_set: 'training set',
  ml_model: 'ML model',
  predictions: 'predictions',
};
const GROUP_TITLES: [string, string][] = [
  ['source', 'Sources'],
  ['seed', 'Seeds'],
  ['staging', 'Staging models'],
  ['model', 'Models'],
  ['feature_table', 'Feature tables'],
  ['training_set', 'Training sets'],
  ['ml_model', 'ML models'],
  ['predictions', 'Predictions'],
];

/**
 * Data for a page's scripts as an inline JSON block: pages opened from disk (file://) cannot
 * fetch() files, and `<` is escaped so no value can close the script element.
 */
export function scriptJson(value: unknown, id: string): string {
  const text = JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return `<script type="application/json" id="${id}">${text}</script>`;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** `+1:02` style difference of a predicted time to its baseline. */
export function deltaTo(seconds: unknown, baseline: unknown): string {
  if (!isNum(seconds) || !isNum(baseline)) return '–';
  // The difference of the two times as shown, each rounded to the second.
  const d = Math.round(seconds) - Math.round(baseline);
  if (d === 0) return 'same';
  const sign = d > 0 ? '+' : '−';
  const a = Math.abs(d);
  return a >= 3600 ? `${sign}${hms(a)}` : `${sign}${Math.floor(a / 60)}:${String(a % 60).padStart(2, '0')}`;
}

/** What a prediction's source means, so a Riegel fallback is never read as the model's. */
function sourceNote(source: string, p: AthletePrediction): string {
  if (source === 'model') return `the champion time estimator (${p.estimatorVersion}), its median with the 80 % interval.`;
  if (source === 'riegel_fallback') {
    const why = 'the model serves only athletes with enough runs to date, and only once a champion time estimator exists';
    const interval = p.cells.some((c) => c.p10 !== null) ? 'the interval is the spread of Riegel\'s errors on earlier races' : 'there is no interval';
    return `Riegel times (exponent 1.06, from the best effort of the last 90 days), not a model prediction: ${why}; ${interval}.`;
  }
  if (source === 'none') return 'no run of 3 km or more in the last 90 days, so no prediction.';
  return source;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text with `code` spans (as the YAML descriptions and messages write them) as HTML, everything else escaped. */
export function codeSpans(text: string | undefined): string {
  const escaped = (text ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
  return escaped.replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** The first sentence of a description, at most about 200 characters, for the overview tables. */
export function firstSentence(text: string | undefined): string {
  const first = (text ?? '').split(/(?<=\.)\s/)[0];
  return first.length <= 200 ? first : `${first.slice(0, first.lastIndexOf(' ', 197))} …`;
}

function environment(): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(TEMPLATES), { autoescape: true, throwOnUndefined: false });
  const safe = (s: string) => new nunjucks.runtime.SafeString(s);
  env.addFilter('fixed', (v: unknown, digits = 1) => (isNum(v) ? v.toFixed(digits) : '–'));
  env.addFilter('hms', (v: unknown) => (isNum(v) ? hms(v) : '–'));
  env.addFilter('deltaTo', deltaTo);
  env.addFilter('metric', (v: unknown) => (isNum(v) ? (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)))) : String(v)));
  env.addFilter('sourceLabel', (s: string) => ({ model: 'model', riegel_fallback: 'Riegel', none: 'none' })[s] ?? s);
  env.addFilter('sourceNote', sourceNote);
  env.addFilter('groupLabel', (g: string) => GROUP_LABELS[g] ?? g);
  env.addFilter('nodeHref', nodeHref);
  env.addFilter('firstSentence', firstSentence);
  env.addFilter('codeSpans', (text: string) => safe(codeSpans(text)));
  env.addFilter('scriptJson', (v: unknown, id: string) => safe(scriptJson(v, id)));
  return env;
}

/** Every page of the site, by path relative to its root. */
export function renderPages(content: SiteContent): Map<string, string> {
  const env = environment();
  const { project, athletes } = content;
  const pages = new Map<string, string>();
  const base = { ...content, title: project.name };
  const render = (path: string, template: string, context: Record<string, unknown>) => {
    const root = '../'.repeat(path.split('/').length - 1);
    pages.set(path, env.render(template, { ...base, root, page: path, ...context }));
  };
  const count = (g: string) => project.nodes.filter((n) => n.group === g).length;
  const groups = GROUP_TITLES.map(([g, title]) => ({ title, nodes: project.nodes.filter((n) => n.group === g).sort((a, b) => a.name.localeCompare(b.name)) })).filter((g) => g.nodes.length > 0);
  render('index.html', 'index.njk', {
    section: 'project',
    title: 'Project',
    groups,
    athleteRoot: 'athletes/',
    counts: {
      model: project.nodes.filter((n) => n.kind === 'model').length,
      seed: count('seed'),
      source: count('source'),
      feature_table: count('feature_table'),
      ml: project.nodes.filter((n) => ['training_set', 'ml_model', 'predictions'].includes(n.kind)).length,
    },
  });
  for (const node of project.nodes) render(node.href, 'node.njk', { section: 'project', title: node.name, node });
  render('lineage.html', 'lineage.njk', {
    section: 'lineage',
    title: 'Lineage',
    lineageData: project.lineage,
    lineageNodes: [...project.lineage.nodes].sort((a, b) => a.id.localeCompare(b.id)),
    legend: GROUP_TITLES.map(([g]) => g).filter((g) => project.nodes.some((n) => n.group === g)),
  });
  render('athletes/index.html', 'athletes.njk', { section: 'athletes', title: 'Athletes', athleteRoot: '' });
  for (const a of athletes.athletes) {
    render(`athletes/${a.athleteId}.html`, 'athlete.njk', {
      section: 'athletes',
      title: `Athlete ${a.athleteId}`,
      a,
      warmupDays: a.daily.warmup.filter(Boolean).length,
      riskDays: a.daily.risk.filter(Boolean).length,
    });
  }
  render('mlflow.html', 'mlflow.njk', { section: 'mlflow', title: 'MLflow' });
  return pages;
}
