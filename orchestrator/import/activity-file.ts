import type { Sample } from './samples.ts';

/** What Stride takes from one activity file (FIT, GPX or TCX). */
export interface ParsedActivityFile {
  /** Strava sport_type, when the file says. */
  sport_type: string | null;
  name: string | null;
  /** Start instant (UTC). */
  start: Date;
  /** Local time minus UTC at the start, in minutes, when the file records it (FIT). */
  localOffsetMinutes?: number;
  samples: Sample[];
  /** The file's own totals (FIT session, TCX laps), preferred over sums of samples where given. */
  summary: {
    distance_km?: number;
    elapsed_time?: number;
    total_elevation_gain?: number;
    average_heartrate?: number;
    max_heartrate?: number;
  };
}

/** Sport words of FIT, GPX and TCX files as Strava sport types. */
export function sportFromFileWord(word: string | undefined, sub?: string): string | null {
  if (!word) return null;
  const w = word.toLowerCase().replace(/[\s_-]/g, '');
  const s = (sub ?? '').toLowerCase();
  if (w === 'running' || w === 'run' || w === '9') {
    if (s === 'trail') return 'TrailRun';
    if (s === 'virtualactivity') return 'VirtualRun';
    return 'Run';
  }
  if (w === 'trailrunning' || w === 'trailrun') return 'TrailRun';
  if (['cycling', 'biking', 'ride', '1'].includes(w)) return s === 'virtualactivity' ? 'VirtualRide' : 'Ride';
  if (['walking', 'walk', '10'].includes(w)) return 'Walk';
  if (['hiking', 'hike', '4'].includes(w)) return 'Hike';
  if (['swimming', 'swim', '2'].includes(w)) return 'Swim';
  if (w === 'other') return null;
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function haversine(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}
