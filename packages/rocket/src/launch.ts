import tzlookup from '@photostructure/tz-lookup';
import { z } from 'zod';
import { FerryError } from '@ferry/types';

import type { ApiVersion } from './settings.ts';

export type { ApiVersion };

/** One launch, the same whichever API version it came from. */
export interface Launch {
  id: string;
  name: string;
  /** The API's slug (else the name's), reduced to [a-z0-9-]: the image export names files by it. */
  slug: string;
  /** ISO 8601, UTC; null when the API sent something that is not a time (the launch is kept and counted). */
  net: string | null;
  /** When the API last changed this launch (2.3.0 only): the table keeps the newest copy. */
  last_updated: string | null;
  /** Short status ("Go", "TBD", "Success"): the 2.0.0 name, the 2.3.0 abbrev. */
  status: string;
  provider: string;
  rocket: string;
  pad: string;
  /** ISO 3166-1 alpha-3, when the API gives one. */
  pad_country: string | null;
  /** IANA zone of the pad: the API's (2.3.0), else found from the pad's coordinates (2.0.0 names none). */
  pad_timezone: string | null;
  image_url: string | null;
  /** Fallback image sources, in the order they are tried: the launch image's thumbnail, the rocket's own image. */
  thumbnail_url: string | null;
  rocket_image_url: string | null;
}

const commonFields = {
  id: z.string().min(1),
  name: z.string(),
  slug: z.string().nullish(),
  // Kept as text: a malformed time must not throw the launch away (see `normalNet`).
  net: z.string().nullable(),
  last_updated: z.string().nullish(),
  launch_service_provider: z.object({ name: z.string() }),
};
const coordinate = z.union([z.number(), z.string()]).nullish();

const launch200 = z.object({
  ...commonFields,
  status: z.object({ name: z.string() }),
  rocket: z.object({ configuration: z.object({ name: z.string(), image_url: z.string().nullish() }) }),
  pad: z.object({
    name: z.string(),
    latitude: coordinate,
    longitude: coordinate,
    location: z.object({ country_code: z.string().nullish() }),
  }),
  image: z.string().nullish(),
});

const imageObject = z.object({ image_url: z.string().nullish(), thumbnail_url: z.string().nullish() }).nullish();

const launch230 = z.object({
  ...commonFields,
  status: z.object({ name: z.string(), abbrev: z.string().nullish() }),
  rocket: z.object({ configuration: z.object({ name: z.string(), image: imageObject }) }),
  pad: z.object({
    name: z.string(),
    latitude: coordinate,
    longitude: coordinate,
    country: z.object({ alpha_3_code: z.string().nullish() }).nullish(),
    location: z.object({
      country_code: z.string().nullish(),
      timezone_name: z.string().nullish(),
    }),
  }),
  image: imageObject,
});

const envelope = z.object({
  count: z.number().int().nonnegative(),
  next: z.string().nullable(),
  previous: z.string().nullable().optional(),
  results: z.array(z.unknown()),
});

export interface LaunchPage {
  count: number;
  next: string | null;
  launches: Launch[];
}

/** Validates one page of launches and normalises it; anything unexpected is a FerryError naming the field. */
export function parseLaunchPage(json: unknown, version: ApiVersion, source: string): LaunchPage {
  const page = envelope.safeParse(json);
  if (!page.success) throw new FerryError(`${source}: not a launch list (${describeIssue(page.error)})`);
  const launches = page.data.results.map((result, index) => {
    const fail = (error: z.ZodError) => new FerryError(`${source}: results[${index}] is not a ${version} launch (${describeIssue(error)})`);
    if (version === '2.0.0') {
      const parsed = launch200.safeParse(result);
      if (!parsed.success) throw fail(parsed.error);
      return fromVersion200(parsed.data);
    }
    const parsed = launch230.safeParse(result);
    if (!parsed.success) throw fail(parsed.error);
    return fromVersion230(parsed.data);
  });
  return { count: page.data.count, next: page.data.next, launches };
}

function commonPart(launch: z.infer<typeof launch200> | z.infer<typeof launch230>) {
  return {
    id: launch.id,
    name: launch.name,
    // Sanitised either way: it becomes a file name, and a response must not choose where a file lands.
    slug: slugOf(launch.slug && launch.slug.trim() !== '' ? launch.slug : launch.name),
    net: normalTime(launch.net),
    last_updated: normalTime(launch.last_updated ?? null),
    provider: launch.launch_service_provider.name,
    rocket: launch.rocket.configuration.name,
    pad: launch.pad.name,
  };
}

function fromVersion200(launch: z.infer<typeof launch200>): Launch {
  return {
    ...commonPart(launch),
    status: launch.status.name,
    pad_country: launch.pad.location.country_code ?? null,
    pad_timezone: zoneAt(launch.pad.latitude, launch.pad.longitude),
    image_url: blankToNull(launch.image),
    thumbnail_url: null,
    rocket_image_url: blankToNull(launch.rocket.configuration.image_url),
  };
}

function fromVersion230(current: z.infer<typeof launch230>): Launch {
  return {
    ...commonPart(current),
    status: current.status.abbrev ?? current.status.name,
    pad_country: current.pad.location.country_code ?? current.pad.country?.alpha_3_code ?? null,
    pad_timezone: current.pad.location.timezone_name ?? zoneAt(current.pad.latitude, current.pad.longitude),
    image_url: blankToNull(current.image?.image_url),
    thumbnail_url: blankToNull(current.image?.thumbnail_url),
    rocket_image_url: blankToNull(current.rocket.configuration.image?.image_url),
  };
}

/** ISO 8601 UTC, or null for text that is not a time. */
function normalTime(text: string | null): string | null {
  if (text === null) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The IANA zone at a pad's coordinates (strings in 2.0.0, numbers in 2.3.0); null when they are missing or out of range. */
function zoneAt(latitude: number | string | null | undefined, longitude: number | string | null | undefined): string | null {
  const lat = Number(latitude);
  const lon = Number(longitude);
  if (latitude == null || longitude == null || !Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  try {
    return tzlookup(lat, lon);
  } catch {
    return null;
  }
}

/** "Falcon 9 Block 5 | Starlink Group 12-22" → "falcon-9-block-5-starlink-group-12-22". */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'launch' : slug.slice(0, 100);
}

function blankToNull(url: string | null | undefined): string | null {
  return url && url.trim() !== '' ? url : null;
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.length > 0 ? issue.path.join('.') : 'body';
  return `${path}: ${issue.message}`;
}
