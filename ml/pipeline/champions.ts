import { loadProject } from '../../orchestrator/project/load-project.ts';
import { openTrackingStore } from '../tracking/index.ts';
import type { TrackingStore } from '../tracking/types.ts';
import { CHAMPION, DETECTOR_MODEL, ESTIMATOR_MODEL } from './context.ts';
import { trainAll, type TrainAllOptions, type TrainAllResult } from './train.ts';

/** The registered models `stride train` produces; predict serves the version each one's `champion` alias points at. */
export const SERVED_MODELS = [ESTIMATOR_MODEL, DETECTOR_MODEL] as const;

/** Model name -> the version its `champion` alias points at, or undefined when the alias is not set. */
export async function championVersions(store: TrackingStore): Promise<Record<string, string | undefined>> {
  const versions = await Promise.all(SERVED_MODELS.map((name) => store.getVersionByAlias(name, CHAMPION)));
  return Object.fromEntries(SERVED_MODELS.map((name, i) => [name, versions[i]?.version]));
}

export interface TrainSkipped {
  skipped: true;
  /** Model name -> champion version: every served model has one. */
  champions: Record<string, string>;
}

/**
 * `stride train --if-no-champion`: trains only when a served model has no champion yet, so a
 * daily job (or `npm start`) gets models on its first run and leaves them alone afterwards.
 * A model whose gate fails keeps no champion, so the next call trains again.
 */
export async function trainIfNoChampion(options: TrainAllOptions): Promise<TrainAllResult | TrainSkipped> {
  const store = options.store ?? openTrackingStore(loadProject(options.projectDir).root);
  const champions = await championVersions(store);
  if (Object.values(champions).every((v) => v !== undefined)) return { skipped: true, champions: champions as Record<string, string> };
  return trainAll({ ...options, store });
}
