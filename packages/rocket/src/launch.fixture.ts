import type { Launch } from './launch.ts';

/** A launch for the tests, as the API reader makes it: a Falcon 9 from SLC-40 with no image, changed by `extra`. */
export const aLaunch = (id: string, extra: Partial<Launch> = {}): Launch => ({
  id,
  name: `Launch ${id}`,
  net: '2025-03-29T11:30:00.000Z',
  status: 'TBD',
  provider: 'SpaceX',
  rocket: 'Falcon 9',
  pad: 'SLC-40',
  pad_country: 'USA',
  pad_timezone: 'America/New_York',
  image_url: null,
  slug: `launch-${id}`,
  last_updated: null,
  thumbnail_url: null,
  rocket_image_url: null,
  ...extra,
});
