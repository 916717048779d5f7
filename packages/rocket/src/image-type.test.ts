import { describe, expect, it } from 'vitest';
import { formatOfContentType, sniffFormat } from './image-type.ts';

describe('given the first bytes of a body', () => {
  it.each([
    ['jpeg', [0xff, 0xd8, 0xff, 0xe0, 0, 0x10]],
    ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]],
    ['gif', [...Buffer.from('GIF89a'), 1, 0]],
    ['webp', [...Buffer.from('RIFF'), 0x24, 0, 0, 0, ...Buffer.from('WEBPVP8 ')]],
  ])('when they are a %s signature, then that format is recognised', (format, bytes) => {
    expect(sniffFormat(Uint8Array.from(bytes))).toBe(format);
  });

  it('when they are an HTML page, a RIFF that is not WebP or nothing, then no format is recognised', () => {
    expect(sniffFormat(Buffer.from('<!DOCTYPE html><html>'))).toBeUndefined();
    expect(sniffFormat(Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt '))).toBeUndefined();
    expect(sniffFormat(new Uint8Array())).toBeUndefined();
  });
});

describe('given a Content-Type header', () => {
  it('when it has parameters or odd case, then the format still comes out; unsupported image types give none', () => {
    expect(formatOfContentType('image/JPEG; charset=binary')).toBe('jpeg');
    expect(formatOfContentType('image/jpg')).toBe('jpeg');
    expect(formatOfContentType('image/svg+xml')).toBeUndefined();
    expect(formatOfContentType('text/html')).toBeUndefined();
  });
});
