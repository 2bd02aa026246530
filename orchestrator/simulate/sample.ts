// The shipped sample (seeds/): eight scripted athletes, three years up to the default end date,
// with a dirty row of every kind. Regenerate it with generate-sample.ts.

import type { SimulateOptions } from './options.ts';
import type { AthleteSpec } from './profiles.ts';

export const SAMPLE_CAST: AthleteSpec[] = [
  {
    label: 'marathoner',
    level: 'advanced', focus: 'marathon', timezone: 'Europe/Berlin', tzLabel: 'strava', hrDevice: 'always',
    settings: true, workoutTagging: 'races', namingStyle: 'mixed', goalProb: 0.95, historyDays: 1096,
  },
  {
    label: 'no heart rate at all',
    level: 'intermediate', focus: 'half', timezone: 'America/New_York', tzLabel: 'iana', hrDevice: 'none',
    settings: false, workoutTagging: 'none', namingStyle: 'default', historyDays: 1096,
  },
  {
    label: 'forced break (seven weeks injured from 160 days before the end)',
    level: 'intermediate', focus: '10k', timezone: 'Europe/London', tzLabel: 'iana', hrDevice: 'sometimes',
    parkrunner: true, scriptedBreaks: [{ daysBeforeEnd: 160, days: 49, cause: 'injury' }], historyDays: 900,
  },
  {
    label: 'sub-elite, two years',
    level: 'subelite', focus: '10k', timezone: 'Asia/Tokyo', tzLabel: 'iana', hrDevice: 'always',
    workoutTagging: 'full', namingStyle: 'descriptive', historyDays: 730,
  },
  {
    label: 'triathlete down under',
    level: 'recreational', focus: 'half', timezone: 'Australia/Sydney', tzLabel: 'strava', hrDevice: 'from_date',
    historyDays: 1000,
    cross: [
      { sport: 'Ride', perWeek: 3 },
      { sport: 'Swim', perWeek: 2.5 },
      { sport: 'WeightTraining', perWeek: 1 },
    ],
  },
  {
    label: 'recreational 5K runner',
    level: 'recreational', focus: '5k', timezone: 'Europe/Madrid', tzLabel: 'iana', hrDevice: 'always',
    workoutTagging: 'default0', namingStyle: 'mixed', historyDays: 700, settings: true,
  },
  {
    label: 'heart rate from a new watch on',
    level: 'intermediate', focus: 'half', timezone: 'America/Los_Angeles', tzLabel: 'iana', hrDevice: 'from_date',
    workoutTagging: 'none', historyDays: 800,
  },
  {
    label: 'beginner, 20 days of history',
    level: 'beginner', novice: true, focus: '5k', timezone: 'Europe/Paris', tzLabel: 'iana', hrDevice: 'always',
    historyDays: 20, settings: true,
  },
];

export const SAMPLE_OPTIONS: Omit<SimulateOptions, 'out'> = {
  athletes: SAMPLE_CAST.length,
  years: 3,
  seed: 20_261_122,
  everyDirtyKind: true,
  splits: 'runs',
  groundTruth: 'full',
  cast: SAMPLE_CAST,
};

/** The sample's athletes by role, as indexes into SAMPLE_CAST. */
export const SAMPLE_ROLES = { marathoner: 0, noHr: 1, forcedBreak: 2, subElite: 3, beginner: 7 } as const;

export const SAMPLE_FILES = ['strava_activities.csv', 'strava_sub_activity.csv', 'athlete_settings.csv'] as const;
