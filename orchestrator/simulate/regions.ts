// Where athletes live: their IANA zone, hemisphere (seasons), parkrun culture and local race names.

import type { RaceDistance } from './types.ts';

export type Locale = 'en' | 'de' | 'es' | 'fr' | 'ja' | 'pt';

export interface Region {
  timezone: string;
  hemisphere: 'N' | 'S';
  parkrun: boolean;
  locale: Locale;
  weight: number;
  races: Record<RaceDistance, string[]>;
}

export const REGIONS: readonly Region[] = [
  {
    timezone: 'Europe/Berlin', hemisphere: 'N', parkrun: false, locale: 'de', weight: 14,
    races: {
      '5k': ['Firmenlauf 5 km', '5 km Volkslauf', 'AOK Firmenlauf'],
      '10k': ['Stadtlauf 10 km', 'Berliner 10 km', '10km Lauf'],
      half: ['Berliner Halbmarathon', 'Halbmarathon Hamburg', 'HM Leipzig'],
      marathon: ['Berlin Marathon', 'BMW BERLIN-MARATHON', 'Hamburg Marathon', 'Frankfurt Marathon'],
    },
  },
  {
    timezone: 'Europe/London', hemisphere: 'N', parkrun: true, locale: 'en', weight: 16,
    races: {
      '5k': ['Bushy parkrun', 'parkrun', 'Hackney Marshes parkrun', '5K race'],
      '10k': ['ASICS London 10K', 'Vitality 10,000', '10K race'],
      half: ['Hackney Half', 'Great North Run', 'Big Half'],
      marathon: ['London Marathon', 'TCS London Marathon', 'Manchester Marathon'],
    },
  },
  {
    timezone: 'America/New_York', hemisphere: 'N', parkrun: false, locale: 'en', weight: 14,
    races: {
      '5k': ['Charity 5k', 'Central Park 5K', '5K race'],
      '10k': ['Healthy Kidney 10K', 'Mini 10K', '10K race'],
      half: ['Brooklyn Half', 'NYC Half', 'Philly Half'],
      marathon: ['TCS New York City Marathon', 'NYC Marathon', 'Boston Marathon', 'Philadelphia Marathon'],
    },
  },
  {
    timezone: 'America/Los_Angeles', hemisphere: 'N', parkrun: false, locale: 'en', weight: 8,
    races: {
      '5k': ['Beach 5K', 'Golden Gate Park 5K', '5k'],
      '10k': ['Presidio 10', 'Race for the Cure 10K', '10K'],
      half: ['SF Half', 'Surf City Half', 'half marathon'],
      marathon: ['LA Marathon', 'California International Marathon', 'CIM'],
    },
  },
  {
    timezone: 'America/Denver', hemisphere: 'N', parkrun: false, locale: 'en', weight: 3,
    races: {
      '5k': ['Wash Park 5K', '5K'],
      '10k': ['Bolder Boulder', 'Bolder Boulder 10K'],
      half: ['Denver Half', 'Horsetooth Half'],
      marathon: ['Colfax Marathon', 'Denver Marathon'],
    },
  },
  {
    timezone: 'Europe/Madrid', hemisphere: 'N', parkrun: false, locale: 'es', weight: 7,
    races: {
      '5k': ['Carrera 5K', '5K solidaria'],
      '10k': ['Carrera 10K', '10K Valencia', 'Carrera Popular 10K'],
      half: ['Medio Maratón de Madrid', 'Medio Maratón Valencia'],
      marathon: ['Maratón de Valencia', 'Zurich Maratón de Sevilla', 'Maratón de Madrid'],
    },
  },
  {
    timezone: 'Europe/Paris', hemisphere: 'N', parkrun: false, locale: 'fr', weight: 7,
    races: {
      '5k': ['Course 5 km', '5 km du Bois'],
      '10k': ['10 km de Paris', 'Course 10km', '10 km de la Bastille'],
      half: ['Semi de Paris', 'Semi-marathon de Lyon'],
      marathon: ['Marathon de Paris', 'Schneider Electric Marathon de Paris', 'Marathon de Lyon'],
    },
  },
  {
    timezone: 'Australia/Sydney', hemisphere: 'S', parkrun: true, locale: 'en', weight: 6,
    races: {
      '5k': ['parkrun', 'Centennial parkrun', 'St Peters parkrun'],
      '10k': ['Sydney 10K', 'Bridge Run 10k'],
      half: ['Sydney Half Marathon', 'SMH Half'],
      marathon: ['Sydney Marathon', 'TCS Sydney Marathon', 'Gold Coast Marathon'],
    },
  },
  {
    timezone: 'Pacific/Auckland', hemisphere: 'S', parkrun: true, locale: 'en', weight: 2,
    races: {
      '5k': ['Cornwall parkrun', 'parkrun'],
      '10k': ['Round the Bays 10k', '10k'],
      half: ['Auckland Half', 'Queenstown Half'],
      marathon: ['Auckland Marathon', 'Queenstown Marathon'],
    },
  },
  {
    timezone: 'Asia/Tokyo', hemisphere: 'N', parkrun: false, locale: 'ja', weight: 6,
    races: {
      '5k': ['5kmラン', '5K'],
      '10k': ['10kmロードレース', '皇居ラン 10km'],
      half: ['ハーフマラソン', '上尾シティハーフ'],
      marathon: ['東京マラソン', 'Tokyo Marathon', '大阪マラソン'],
    },
  },
  {
    timezone: 'America/Sao_Paulo', hemisphere: 'S', parkrun: false, locale: 'pt', weight: 5,
    races: {
      '5k': ['Corrida 5K', '5k'],
      '10k': ['Corrida 10K', 'Circuito das Estações 10K'],
      half: ['Meia Maratona do Rio', 'Meia de SP'],
      marathon: ['Maratona de São Paulo', 'Maratona do Rio'],
    },
  },
  {
    timezone: 'Asia/Kolkata', hemisphere: 'N', parkrun: false, locale: 'en', weight: 4,
    races: {
      '5k': ['5K run', 'Dream Run'],
      '10k': ['TCS World 10K', '10K Bengaluru'],
      half: ['Delhi Half Marathon', 'Vedanta Delhi Half'],
      marathon: ['Tata Mumbai Marathon', 'Mumbai Marathon'],
    },
  },
  {
    timezone: 'Africa/Nairobi', hemisphere: 'S', parkrun: false, locale: 'en', weight: 2,
    races: {
      '5k': ['5K fun run'],
      '10k': ['Eldoret 10K', '10K'],
      half: ['Nairobi Half', 'Kass Half'],
      marathon: ['Nairobi Marathon', 'Standard Chartered Nairobi Marathon'],
    },
  },
];

export function regionOf(timezone: string): Region {
  return REGIONS.find((r) => r.timezone === timezone) ?? REGIONS[1];
}

/** Names a race without a local flavour: what many people type. */
export const GENERIC_RACE_NAMES: Record<RaceDistance, string[]> = {
  '5k': ['5K race', '5k', 'parkrun', '5K PB attempt'],
  '10k': ['10K race', '10k', '10K PB!', 'Race 10K'],
  half: ['Half Marathon', 'Half marathon', 'HM', 'Half marathon race'],
  marathon: ['Marathon', 'Marathon!', 'Marathon day', 'First marathon'],
};
