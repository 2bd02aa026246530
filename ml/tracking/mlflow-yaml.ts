import { stringify } from 'yaml';

/**
 * meta.yaml as MLflow writes it (`yaml.safe_dump(default_flow_style=False, sort_keys=True)`):
 * block style, keys sorted, strings that look like numbers quoted.
 */
export function mlflowYaml(data: Record<string, unknown>): string {
  return stringify(data, { sortMapEntries: true, lineWidth: 0, defaultStringType: 'PLAIN', nullStr: 'null' });
}
