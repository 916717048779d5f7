import { z } from 'zod';
import { FerryError } from '@ferry/types';

/** The API versions we speak: 2.3.0 is current; 2.0.0 is what the original DAG called. */
export type ApiVersion = '2.0.0' | '2.3.0';

/** One launch, the same whichever API version it came from. */
export interface Launch {
  id: string;
  name: string;
  /** ISO 8601, UTC. */
  net: string;
  /** Short status ("Go", "TBD", "Success"): the 2.0.0 name, the 2.3.0 abbrev. */
  status: string;
  provider: string;
  rocket: string;
  pad: string;
  /** ISO 3166-1 alpha-3, when the API gives one. */
  pad_country: string | null;
  /** IANA zone of the pad (2.3.0 only). */
  pad_timezone: string | null;
  image_url: string | null;
}

const utcTimestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a timestamp');

const commonFields = {
  id: z.string().min(1),
  name: z.string(),
  net: utcTimestamp,
  launch_service_provider: z.object({ name: z.string() }),
  rocket: z.object({ configuration: z.object({ name: z.string() }) }),
};

const launch200 = z.object({
  ...commonFields,
  status: z.object({ name: z.string() }),
  pad: z.object({
    name: z.string(),
    location: z.object({ country_code: z.string().nullish() }),
  }),
  image: z.string().nullish(),
});

const launch230 = z.object({
  ...commonFields,
  status: z.object({ name: z.string(), abbrev: z.string().nullish() }),
  pad: z.object({
    name: z.string(),
    country: z.object({ alpha_3_code: z.string().nullish() }).nullish(),
    location: z.object({
      country_code: z.string().nullish(),
      timezone_name: z.string().nullish(),
    }),
  }),
  image: z.object({ image_url: z.string().nullish() }).nullish(),
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
    net: new Date(launch.net).toISOString(),
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
    pad_timezone: null,
    image_url: blankToNull(launch.image),
  };
}

function fromVersion230(current: z.infer<typeof launch230>): Launch {
  return {
    ...commonPart(current),
    status: current.status.abbrev ?? current.status.name,
    pad_country: current.pad.location.country_code ?? current.pad.country?.alpha_3_code ?? null,
    pad_timezone: current.pad.location.timezone_name ?? null,
    image_url: blankToNull(current.image?.image_url),
  };
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
