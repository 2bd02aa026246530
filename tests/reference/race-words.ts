// The is_race heuristic's vocabulary, shared with the SQL models so both can be
// compared. Used only when workout_type is null (most exports carry none):
//   is_race = lower(name) contains any RACE_WORDS entry (plain substring, no word
//             boundaries, so 'halbmarathon' and '10km' match)
//             and lower(name) holds no TRAINING_WORDS entry as a whole word
//             and abs(distance_km - t) <= 0.03 * t for some t in RACE_DISTANCES_KM.
// workout_type = 1 is a race; any other non-null workout_type is not.
// The word lists are lowercase; a name is lowercased with Unicode rules before matching.
// RACE_WORDS are the rows of seeds/race_name_patterns.csv, TRAINING_WORDS those of
// seeds/race_name_exclusions.csv (tests/unit/race-words.test.ts checks both).

export const RACE_WORDS: readonly string[] = [
  'race', // English; also covers 'km race'
  'parkrun',
  'marathon', // also half marathon, semi-marathon
  'half',
  '5k', // also 15k, 25k: the distance check filters those
  '10k',
  'wettkampf', // German
  'carrera', // Spanish
  'course', // French ('course à pied', 'course sur route')
  'maratona', // Italian, Portuguese
  'maratón', // Spanish
  'halbmarathon', // German (also covered by 'marathon')
  'semi', // French 'semi de Paris'
  'maraton', // Polish, Swedish, Czech, Hungarian, Spanish without the accent
  'corrida', // Portuguese
  'gara', // Italian
  'wedstrijd', // Dutch
  'loppet', // Swedish
];

/**
 * Words that say a run was training: a name holding one as a whole word is not a race
 * (unless workout_type = 1). Whole word = every character next to it in the lowercased
 * name is outside a-z and 0-9 (or there is none), so 'lr' matches 'LR 10k' and not
 * 'lrrun', and a word without spaces around it in Japanese still matches.
 */
export const TRAINING_WORDS: readonly string[] = [
  // English
  'easy', 'recovery', 'cruisy', 'jog', 'jogging', 'shakeout', 'shake out', 'shake-out',
  'warm up', 'warmup', 'warm-up', 'cool down', 'cooldown', 'cool-down',
  'not racing', 'with a friend', 'with friends', 'pacing', 'pacer',
  'long run', 'lr', 'lsd', 'tempo', 'workout', 'interval', 'intervals', 'fartlek', 'strides', 'threshold', 'commute',
  // German
  'locker', 'lockerer', 'ga1', 'ldl', 'dauerlauf', 'tempodauerlauf', 'regenerationslauf', 'intervalle',
  // Spanish
  'rodaje', 'trote', 'suave', 'tirada', 'regenerativo', 'umbral',
  // French
  'footing', 'récup', 'sortie longue', 'fractionné', 'séance', 'seuil',
  // Portuguese
  'rodagem', 'longão', 'longo', 'intervalado', 'tiros',
  // Japanese
  'ジョグ', 'リカバリー', 'ロング走', 'ペース走', 'インターバル',
];

export const RACE_DISTANCES_KM: readonly number[] = [5, 10, 21.0975, 42.195];

/** Relative tolerance around each race distance, bounds included. */
export const RACE_DISTANCE_TOLERANCE = 0.03;
