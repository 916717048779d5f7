import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import { createHash } from 'node:crypto';

/** The real captures, beside the repository (never copied into it). */
export const REAL_FIXTURES_DIR = fileURLToPath(new URL('../../../shared/fixtures/rocket/', import.meta.url));
const REAL_PAGE = 'll2-2.0.0-upcoming-2025-03-27.json';

/** The hosts the captured JSON points at; the fake server stands in for both. */
export const REAL_API_ORIGIN = 'https://ll.thespacedevs.com';
export const REAL_IMAGE_ORIGIN = 'https://thespacedevs-prod.nyc3.digitaloceanspaces.com';

/** When the 2.0.0 upcoming response was captured: the reports' "now" in tests. */
export const CAPTURED_AT = new Date('2025-03-27T00:00:00Z');

export interface FixtureSet {
  label: string;
  /** A 2.0.0 upcoming page as the API sent it (real hosts in every URL). */
  upcomingPage: string;
  /** Launch images by file name: some are referenced by the page, others by nobody. */
  images: Map<string, Uint8Array>;
}

/** The captured response and images, or undefined when the fixtures folder is absent. */
export function realFixtures(): FixtureSet | undefined {
  if (!existsSync(`${REAL_FIXTURES_DIR}${REAL_PAGE}`)) return undefined;
  const images = new Map<string, Uint8Array>();
  for (const name of readdirSync(`${REAL_FIXTURES_DIR}images`).sort()) images.set(name, readFileSync(`${REAL_FIXTURES_DIR}images/${name}`));
  return { label: 'the real 2.0.0 capture', upcomingPage: readFileSync(`${REAL_FIXTURES_DIR}${REAL_PAGE}`, 'utf8'), images };
}

export const REAL_FIXTURES_MISSING = `fixtures folder ${REAL_FIXTURES_DIR} is absent: real-capture cases skipped (generated fixtures cover the same behaviour)`;

/**
 * A page shaped like the capture: 10 launches, 8 image URLs of which one is shared by 3 launches,
 * 3 of the URLs have image files and 5 files belong to nobody. Images are small generated PNG/JPEG files.
 */
export function generatedFixtures(seed = 7): FixtureSet {
  const rng = byteStream(seed);
  const providers = [
    'SpaceX',
    'SpaceX',
    'CASC',
    'Firefly Aerospace',
    'SpaceX',
    'Gilmour Space Technologies',
    'SpaceX',
    'SpaceX',
    'CASC',
    'Roscosmos',
  ];
  const countries = ['USA', 'NOR', 'CHN', 'USA', 'USA', 'AUS', 'USA', 'USA', 'CHN', 'KAZ'];
  const imageNames = [
    'shared.png',
    'present-a.jpeg',
    'nofile-1.jpg',
    'nofile-2.jpeg',
    'shared.png',
    'nofile-3.jpg',
    'shared.png',
    'nofile-4.jpeg',
    'present-b.jpeg',
    'nofile-5.jpg',
  ];
  const results = providers.map((provider, i) => {
    const id = `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
    const net = new Date(Date.UTC(2025, 2, 26 + Math.floor(i / 2), 22 - i, 10 * i)).toISOString().replace('.000Z', 'Z');
    return {
      id,
      url: `${REAL_API_ORIGIN}/2.0.0/launch/${id}/`,
      slug: `launch-${i + 1}`,
      name: `Rocket ${i % 3} | Mission ${i + 1}`,
      status: i === 0 ? { id: 3, name: 'Success' } : i % 3 === 0 ? { id: 1, name: 'Go' } : { id: 2, name: 'TBD' },
      net,
      window_start: net,
      window_end: net,
      holdreason: '',
      launch_service_provider: { id: 100 + i, url: `${REAL_API_ORIGIN}/2.0.0/agencies/${100 + i}/`, name: provider, type: 'Commercial' },
      rocket: {
        id: 9000 + i,
        configuration: { id: 10 + (i % 3), name: `Rocket ${i % 3}`, family: 'Generated', full_name: `Rocket ${i % 3} Block 1`, variant: '' },
      },
      mission: null,
      pad: {
        id: 20 + i,
        name: `Pad ${i + 1}`,
        latitude: '10.5',
        longitude: '-20.25',
        location: { id: 30 + i, name: `Site ${i + 1}`, country_code: countries[i] },
      },
      image: `${REAL_IMAGE_ORIGIN}/media/images/${imageNames[i]}`,
      program: [],
    };
  });
  const page = { count: 332, next: `${REAL_API_ORIGIN}/2.0.0/launch/upcoming/?limit=10&offset=10`, previous: null, results };
  const images = new Map<string, Uint8Array>();
  images.set('shared.png', generatedPng(24, 24, rng));
  images.set('present-a.jpeg', generatedJpeg(6_000, rng));
  images.set('present-b.jpeg', generatedJpeg(9_000, rng));
  for (let i = 1; i <= 5; i++)
    images.set(i % 2 ? `extra-${i}.jpg` : `extra-${i}.png`, i % 2 ? generatedJpeg(4_000 + i * 1000, rng) : generatedPng(16 + i, 16, rng));
  return { label: 'generated fixtures', upcomingPage: JSON.stringify(page, null, 2), images };
}

/** Deterministic noise: SHA-256 of (seed, counter), block after block. */
type Rng = { seed: number; counter: number };

export function byteStream(seed: number): Rng {
  return { seed, counter: 0 };
}

function randomBytes(n: number, rng: Rng): Buffer {
  const blocks: Buffer[] = [];
  for (let length = 0; length < n; length += 32) blocks.push(createHash('sha256').update(`${rng.seed}:${rng.counter++}`).digest());
  return Buffer.concat(blocks).subarray(0, n);
}

/** A valid RGB PNG of noise (incompressible, so its size follows width × height). */
export function generatedPng(width: number, height: number, rng: Rng = byteStream(1)): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const rows = Buffer.concat(Array.from({ length: height }, () => Buffer.concat([Buffer.from([0]), randomBytes(width * 3, rng)])));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** JPEG framing (SOI, JFIF APP0, payload, EOI) around noise: the right magic bytes and size, nothing more. */
export function generatedJpeg(size: number, rng: Rng = byteStream(2)): Uint8Array {
  const start = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const end = Buffer.from([0xff, 0xd9]);
  return Buffer.concat([start, randomBytes(Math.max(0, size - start.length - end.length), rng), end]);
}

export function contentTypeOf(name: string): string {
  if (name.endsWith('.png')) return 'image/png';
  if (name.endsWith('.gif')) return 'image/gif';
  if (name.endsWith('.webp')) return 'image/webp';
  return 'image/jpeg';
}

/** Puts the fake server in place of the real API and image hosts. */
export function rewriteHosts(text: string, base: string): string {
  return text.replaceAll(REAL_API_ORIGIN, base).replaceAll(REAL_IMAGE_ORIGIN, base);
}

const LONG_STATUS: Record<string, string> = {
  Go: 'Go for Launch',
  TBD: 'To Be Determined',
  Success: 'Launch Successful',
  Failure: 'Launch Failure',
  Hold: 'On Hold',
};
const TIMEZONES: Record<string, string> = {
  USA: 'America/New_York',
  NOR: 'Europe/Oslo',
  CHN: 'Asia/Shanghai',
  AUS: 'Australia/Brisbane',
  KAZ: 'Asia/Almaty',
};

/**
 * The same launches in the documented 2.3.0 shape: image objects, long status names with an abbrev,
 * pad.location.timezone_name, float coordinates, families[], no holdreason, plural endpoint URLs.
 */
export function toVersion230(page200: string): string {
  const page = JSON.parse(page200) as { next: string | null; results: Record<string, unknown>[] } & Record<string, unknown>;
  const results = page.results.map((launch, i) => {
    const {
      holdreason: _holdreason,
      image,
      status,
      pad,
      rocket,
      ...rest
    } = launch as {
      holdreason: unknown;
      image: string | null;
      status: { id: number; name: string };
      pad: { latitude: string; longitude: string; location: Record<string, unknown> & { country_code: string } };
      rocket: { configuration: Record<string, unknown> & { family?: string } };
    } & Record<string, unknown>;
    const { family, ...configuration } = rocket.configuration;
    return {
      ...rest,
      url: String(rest.url).replace('/2.0.0/launch/', '/2.3.0/launches/'),
      status: {
        id: status.id,
        name: LONG_STATUS[status.name] ?? status.name,
        abbrev: status.name,
        description: `${status.name} (generated description)`,
      },
      rocket: { ...rocket, configuration: { ...configuration, families: family ? [{ id: 1, name: family }] : [] } },
      pad: {
        ...pad,
        latitude: Number(pad.latitude),
        longitude: Number(pad.longitude),
        country: {
          id: 1,
          name: pad.location.country_code,
          alpha_2_code: pad.location.country_code.slice(0, 2),
          alpha_3_code: pad.location.country_code,
        },
        location: { ...pad.location, timezone_name: TIMEZONES[pad.location.country_code] ?? 'UTC' },
      },
      image:
        image === null
          ? null
          : {
              id: 1000 + i,
              name: `image ${i}`,
              image_url: image,
              thumbnail_url: image.replace('/images/', '/images/thumb/'),
              credit: null,
              license: { id: 1, name: 'Unknown', priority: 9, link: null },
              single_use: false,
              variants: [],
            },
      info_urls: [],
      vid_urls: [],
      celestial_body: { id: 1, name: 'Earth' },
    };
  });
  return JSON.stringify({ ...page, next: page.next?.replace('/2.0.0/launch/', '/2.3.0/launches/') ?? null, results }, null, 2);
}

/** Image URLs of a 2.0.0 page, in launch order (duplicates kept). */
export function imageUrlsOf(page200: string): (string | null)[] {
  return (JSON.parse(page200) as { results: { image: string | null }[] }).results.map((launch) => launch.image);
}
