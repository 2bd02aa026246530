/** MLflow's name rules (mlflow/utils/validation.py), so a name the file store accepts is one a server accepts. */
const NAME = /^[/\w.\- ]*$/;
export const MAX_PARAM_VALUE = 6000;
export const MAX_TAG_VALUE = 5000;

export function validateKey(kind: 'metric' | 'param' | 'tag' | 'alias', key: string): void {
  if (!key || !NAME.test(key) || key.split('/').some((part) => part === '..' || part === '.') || key.startsWith('/')) {
    throw new Error(`invalid ${kind} name '${key}': use letters, digits, '_', '-', '.', ' ' and '/' (no '..' or leading '/')`);
  }
}

export function validateParamValue(key: string, value: string): void {
  if (value.length > MAX_PARAM_VALUE) throw new Error(`param '${key}' is ${value.length} characters; MLflow allows ${MAX_PARAM_VALUE}`);
}

export function validateTagValue(key: string, value: string): void {
  if (value.length > MAX_TAG_VALUE) throw new Error(`tag '${key}' is ${value.length} characters; MLflow allows ${MAX_TAG_VALUE}`);
}
