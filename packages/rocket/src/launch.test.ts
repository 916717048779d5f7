import { describe, expect, it } from 'vitest';
import { FerryError } from '@ferry/types';
import { parseLaunchPage } from './launch.ts';

const launch230 = {
  id: 'a1',
  name: 'Electron | Test',
  net: '2025-04-02T10:00:00Z',
  status: { id: 1, name: 'Go for Launch', abbrev: 'Go', description: 'Current T-0 confirmed by official or reliable sources.' },
  launch_service_provider: { id: 147, name: 'Rocket Lab' },
  rocket: { id: 1, configuration: { id: 26, name: 'Electron', families: [] } },
  pad: {
    id: 1,
    name: 'Rocket Lab Launch Complex 1A',
    latitude: -39.26,
    longitude: 177.86,
    country: { id: 2, name: 'New Zealand', alpha_2_code: 'NZ', alpha_3_code: 'NZL' },
    location: { id: 10, name: 'Onenui Station, Mahia Peninsula, New Zealand', timezone_name: 'Pacific/Auckland' },
  },
  image: null,
};

const page = (results: unknown[]) => ({ count: results.length, next: null, previous: null, results });

describe('given a 2.3.0 page', () => {
  it('when a launch has a null image and its country only on pad.country, then it is "no image" with the alpha-3 code, the short status and the zone', () => {
    const [launch] = parseLaunchPage(page([launch230]), '2.3.0', 'test page').launches;
    expect(launch).toEqual({
      id: 'a1',
      name: 'Electron | Test',
      net: '2025-04-02T10:00:00.000Z',
      status: 'Go',
      provider: 'Rocket Lab',
      rocket: 'Electron',
      pad: 'Rocket Lab Launch Complex 1A',
      pad_country: 'NZL',
      pad_timezone: 'Pacific/Auckland',
      image_url: null,
      slug: 'electron-test',
      last_updated: null,
      thumbnail_url: null,
      rocket_image_url: null,
    });
  });

  it('when an image object has its URL, then that URL is the image', () => {
    const withImage = { ...launch230, image: { id: 5, name: 'x', image_url: 'https://img.example/e.jpeg', thumbnail_url: null, license: { id: 1 } } };
    expect(parseLaunchPage(page([withImage]), '2.3.0', 'test page').launches[0]!.image_url).toBe('https://img.example/e.jpeg');
  });

  it('when a 2.3.0 page is read as 2.0.0, then the image object is rejected with its path', () => {
    const withImage = {
      ...launch230,
      pad: { ...launch230.pad, location: { country_code: 'NZL' } },
      image: { image_url: 'https://img.example/e.jpeg' },
    };
    expect(() => parseLaunchPage(page([withImage]), '2.0.0', 'test page')).toThrow(/test page: results\[0\] is not a 2.0.0 launch \(image: /);
  });
});

describe('given malformed bodies', () => {
  it('when a launch lacks net, then a FerryError names results[1].net', () => {
    const { net: _net, ...noNet } = launch230;
    const error = (() => {
      try {
        parseLaunchPage(page([launch230, noNet]), '2.3.0', 'upcoming page 2');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(FerryError);
    expect((error as Error).message).toMatch(/^upcoming page 2: results\[1\] is not a 2.3.0 launch \(net: /);
  });

  it('when the body is a DRF error object, then it is not a launch list', () => {
    expect(() => parseLaunchPage({ detail: 'Request was throttled.' }, '2.3.0', 'upcoming page 1')).toThrow(
      /upcoming page 1: not a launch list \(count: /,
    );
  });

  it('when a 2.0.0 image is an empty string, then it counts as no image', () => {
    const old = { ...launch230, status: { id: 1, name: 'Go' }, pad: { name: 'LC-1A', location: { country_code: 'NZL' } }, image: '' };
    expect(parseLaunchPage(page([old]), '2.0.0', 'p').launches[0]).toMatchObject({ image_url: null, pad_timezone: null, pad_country: 'NZL' });
  });

  it('when a 2.0.0 pad gives its coordinates as strings, then its zone is found from them (2.0.0 names none)', () => {
    const old = {
      ...launch230,
      status: { id: 1, name: 'Go' },
      pad: { name: 'SLC-4E', latitude: '34.632', longitude: '-120.611', location: { country_code: 'USA' } },
    };
    expect(parseLaunchPage(page([old]), '2.0.0', 'p').launches[0]!.pad_timezone).toBe('America/Los_Angeles');
  });

  it('when net is not a time, then the launch is kept with a null net instead of failing the page', () => {
    const [launch] = parseLaunchPage(page([{ ...launch230, net: 'NET April' }]), '2.3.0', 'p').launches;
    expect(launch).toMatchObject({ id: 'a1', net: null });
  });

  it('when the API slug would climb out of a folder, then it is reduced to letters, digits and dashes', () => {
    expect(parseLaunchPage(page([{ ...launch230, slug: '../../etc/passwd' }]), '2.3.0', 'p').launches[0]!.slug).toBe('etc-passwd');
  });
});
