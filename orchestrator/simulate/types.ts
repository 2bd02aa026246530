// Shared types of the virtual-athlete simulator.

export type Level = 'beginner' | 'recreational' | 'intermediate' | 'advanced' | 'subelite';
export const LEVELS: readonly Level[] = ['beginner', 'recreational', 'intermediate', 'advanced', 'subelite'];

export type RaceDistance = '5k' | '10k' | 'half' | 'marathon';
export const RACE_KM: Record<RaceDistance, number> = { '5k': 5, '10k': 10, half: 21.0975, marathon: 42.195 };

/** How an athlete's devices record heart rate. */
export type HrDevice = 'always' | 'none' | 'from_date' | 'sometimes';
/** How an athlete fills Strava's workout_type (most leave it empty). */
export type WorkoutTagging = 'none' | 'races' | 'full' | 'default0';
export type NamingStyle = 'default' | 'descriptive' | 'mixed';
export type TimeSlot = 'early' | 'lunch' | 'evening' | 'mixed';

export type CrossSport =
  | 'Ride'
  | 'VirtualRide'
  | 'Swim'
  | 'WeightTraining'
  | 'Walk'
  | 'Hike'
  | 'Yoga'
  | 'Workout'
  | 'Elliptical'
  | 'NordicSki';

export type RunType =
  | 'easy'
  | 'recovery'
  | 'long'
  | 'long_mp'
  | 'tempo'
  | 'intervals'
  | 'fartlek'
  | 'shakeout'
  | 'double'
  | 'parkrun_tempo'
  | 'race';

export type Phase = 'base' | 'build' | 'taper' | 'race' | 'recovery' | 'open';
export type Status = 'training' | 'injury' | 'illness' | 'vacation';
export type BreakCause = 'injury' | 'illness' | 'vacation';

export interface CrossHabit {
  sport: CrossSport;
  perWeek: number;
}

/** Individual impulse-response parameters; performance is in % of threshold speed. */
export interface BanisterParams {
  k1: number;
  k2: number;
  tau1: number;
  tau2: number;
  /** Habitual daily load the reference threshold pace belongs to. */
  loadRef: number;
  /** k1*g - k2*h at steady state under loadRef. */
  perfRef: number;
  /** Speed gain (%) that habitual training gives over an untrained state. */
  gainPct: number;
  fitness0: number;
  fatigue0: number;
}

export interface ScriptedBreak {
  /** Days before the end date on which the break starts. */
  daysBeforeEnd: number;
  days: number;
  cause: BreakCause;
}

export interface AthleteProfile {
  index: number;
  athleteId: number;
  level: Level;
  focus: RaceDistance;
  novice: boolean;
  age: number;
  timezone: string;
  tzLabel: 'iana' | 'strava';
  hemisphere: 'N' | 'S';
  startDay: number;
  endDay: number;
  thresholdPaceRef: number;
  /**
   * Riegel exponent of this runner's races beyond 10 km: amateurs slow down more than
   * Riegel's 1.06 over a half or a marathon, the less trained the more.
   */
  enduranceExponent: number;
  /** Share of tempo sessions run instead as a solo time trial at race effort (no warm-up in the recording). */
  timeTrialShare: number;
  weeklyKmRef: number;
  trendPerYear: number;
  runsPerWeek: number;
  doublesPerWeek: number;
  longRunDay: 5 | 6;
  runDayOrder: number[];
  cycleLength: number;
  longCapKm: number;
  minEasyKm: number;
  runWalk: boolean;
  hrMax: number;
  hrRest: number;
  hrDevice: HrDevice;
  hrFromDay: number;
  hrSometimes: number;
  hrOffset: number;
  hrDriftPerHour: number;
  settings: { hrMax: number; hrRest: number } | null;
  cross: CrossHabit[];
  crossWhenInjured: boolean;
  hilliness: number;
  trailShare: number;
  treadmillShare: number;
  virtualRun: boolean;
  standingRests: boolean;
  stopsPerKm: number;
  skipProb: number;
  impatience: number;
  /** Week-to-week volume noise (sd of log volume). */
  volatility: number;
  /** Weekly chance of a motivated burst of extra volume (load spikes). */
  burstRate: number;
  injuryRate: number;
  illnessRate: number;
  vacationsPerYear: number;
  paceNoiseSd: number;
  raceNoiseSd: number;
  timeSlot: TimeSlot;
  workoutTagging: WorkoutTagging;
  namingStyle: NamingStyle;
  raceRenameProb: number;
  localRacesPerYear: number;
  parkrunner: boolean;
  parkrunFreq: number;
  parkrunRaceEffort: number;
  goalProb: number;
  abroadProb: number;
  manualProb: number;
  paceMissingProb: number;
  banister: BanisterParams;
  scriptedBreaks: ScriptedBreak[];
}

export interface RaceEvent {
  raceId: number;
  day: number;
  distance: RaceDistance | 'other';
  nominalKm: number;
  kind: 'goal' | 'tuneup' | 'local' | 'parkrun';
  name: string;
  /** Local start, seconds after midnight. */
  startSec: number;
  /** Time zone of the race when run abroad. */
  timezone: string | null;
  effort: 'race' | 'tempo';
  courseGainPerKm: number;
}

export interface SplitRecord {
  splitId: number;
  distanceDm: number;
  movingTime: number;
  elapsedTime: number;
  avgHr: number | null;
  maxHr: number | null;
}

/** One clean activity as the athlete's device and Strava would report it. */
export interface ActivityRecord {
  id: number;
  name: string;
  sportType: string;
  workoutType: number | null;
  startUtcMs: number;
  /** Local wall clock encoded as if it were UTC milliseconds. */
  startLocalMs: number;
  timezone: string | null;
  distanceDm: number;
  movingTime: number;
  elapsedTime: number;
  elevation: number | null;
  writePace: boolean;
  avgHr: number | null;
  maxHr: number | null;
  hasHr: boolean;
  splits: SplitRecord[];
  /** What the session really was (ground truth). */
  session: string;
  /** True training impulse of the session. */
  load: number;
  isRace: boolean;
}

export interface DailyTruth {
  day: number;
  load: number;
  fitness: number;
  fatigue: number;
  performance: number;
  thresholdPace: number;
  acwr: number;
  phase: Phase;
  status: Status;
  nActivities: number;
}

export interface RaceTruth {
  race: RaceEvent;
  activityId: number;
  distanceDm: number;
  workoutType: number | null;
  name: string;
  fitness: number;
  fatigue: number;
  performance: number;
  thresholdPace: number;
  modelTimeS: number;
  noiseFactor: number;
  finishTimeS: number;
}

export interface BreakTruth {
  cause: BreakCause;
  startDay: number;
  endDay: number;
  acwrAtStart: number;
  scripted: boolean;
}

export interface AthleteHistory {
  profile: AthleteProfile;
  activities: ActivityRecord[];
  daily: DailyTruth[];
  races: RaceTruth[];
  breaks: BreakTruth[];
}
