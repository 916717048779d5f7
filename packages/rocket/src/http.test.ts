import { describe, expect, it } from 'vitest';
import { retryAfterMs } from './http.ts';

describe('given a 429 answer', () => {
  const now = Date.parse('2025-03-27T12:00:00Z');

  it('when Retry-After is in seconds, then that many seconds are waited', () => {
    expect(retryAfterMs('3', '', now)).toBe(3000);
  });

  it('when Retry-After is an HTTP date, then the wait runs until that date', () => {
    expect(retryAfterMs('Thu, 27 Mar 2025 12:00:42 GMT', '', now)).toBe(42_000);
  });

  it('when only the DRF body says when, then the body is believed', () => {
    expect(retryAfterMs(null, '{"detail":"Request was throttled. Expected available in 1795 seconds."}', now)).toBe(1_795_000);
  });

  it('when nothing says when, then a minute is waited', () => {
    expect(retryAfterMs(null, '<html>Too many</html>', now)).toBe(60_000);
  });
});
