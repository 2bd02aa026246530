import { randomBytes, randomUUID } from 'node:crypto';

/** A run id: uuid4 hex without dashes, as MLflow's FileStore makes it. */
export const newRunId = () => randomUUID().replace(/-/g, '');

/** An experiment id like MLflow's `_generate_unique_integer_id`: a positive 63-bit integer as text. */
export function newExperimentId(): string {
  const n = randomBytes(8).readBigUInt64BE() & 0x7fffffffffffffffn;
  return (n === 0n ? 1n : n).toString();
}

const ADJECTIVES = ['brisk', 'steady', 'swift', 'patient', 'bold', 'calm', 'eager', 'keen', 'lucid', 'nimble'];
const NOUNS = ['stride', 'tempo', 'cadence', 'split', 'pacer', 'hill', 'track', 'taper', 'relay', 'miler'];
/** A readable default run name, like MLflow's adjective-noun-number names. */
export function newRunName(): string {
  const b = randomBytes(3);
  return `${ADJECTIVES[b[0] % ADJECTIVES.length]}-${NOUNS[b[1] % NOUNS.length]}-${b[2] % 1000}`;
}
