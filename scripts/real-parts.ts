/**
 * `pnpm real-parts`: installs the real parts the suite runs against (Spark, MinIO) into .cache/, at the versions
 * @ferry/testbed pins, and prints how long each took. What is already there is kept; a part whose toolchain this
 * machine lacks is reported and its tests skip.
 */
import { cacheDir, installRealParts } from '@ferry/testbed';

const started = Date.now();
const outcomes = await installRealParts((line) => console.log(line));
for (const outcome of outcomes) {
  const note = outcome.status === 'unavailable' ? `unavailable (${outcome.reason}): its tests skip` : outcome.status;
  console.log(`${outcome.part.padEnd(6)} ${outcome.version.padEnd(44)} ${note}, ${outcome.seconds.toFixed(1)} s`);
}
console.log(`real parts in ${cacheDir}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
