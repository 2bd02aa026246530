// The is_race heuristic's vocabulary, shared with the SQL models so both can be
// compared. Used only when workout_type is null (most exports carry none):
//   is_race = lower(name) contains any RACE_WORDS entry (plain substring, no word
//             boundaries, so 'halbmarathon' and '10km' match)
//             and abs(distance_km - t) <= 0.03 * t for some t in RACE_DISTANCES_KM.
// workout_type = 1 is a race; any other non-null workout_type is not.
// The word list is lowercase; a name is lowercased with Unicode rules before matching.

export const RACE_WORDS: readonly string[] = [
  'race', // English; also covers 'km race'
  'km race',
  'parkrun',
  'marathon', // also half marathon, halbmarathon, semi-marathon
  'half',
  '5k', // also 15k, 25k: the distance check filters those
  '10k',
  'wettkampf', // German
  'carrera', // Spanish
  'course', // French ('course à pied', 'course sur route')
  'maratón', // Spanish
  'maraton', // Polish, Swedish, Czech, Hungarian, Spanish without the accent
  'maratona', // Italian, Portuguese
  'corrida', // Portuguese
  'gara', // Italian
  'wedstrijd', // Dutch
  'loppet', // Swedish
];

export const RACE_DISTANCES_KM: readonly number[] = [5, 10, 21.0975, 42.195];

/** Relative tolerance around each race distance, bounds included. */
export const RACE_DISTANCE_TOLERANCE = 0.03;
