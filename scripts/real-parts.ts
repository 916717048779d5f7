/**
 * `pnpm real-parts [part …]`: installs the real parts the suite runs against (Spark, MinIO) into .cache/, at the
 * versions @ferry/testbed pins, and prints how long each took. What is already there is kept; a part whose toolchain
 * this machine lacks is reported and its tests skip. OpenTofu and the Yandex provider (`pnpm validate:stacks`) are
 * built only when named: `pnpm real-parts tofu yandex-provider`.
 */
import { cacheDir, installRealParts } from '@ferry/testbed';

const started = Date.now();
const names = process.argv.slice(2).filter((arg) => arg !== '--');
try {
  const outcomes = await installRealParts((line) => console.log(line), names.length > 0 ? names : undefined);
  for (const outcome of outcomes) {
    const note = outcome.status === 'unavailable' ? `unavailable (${outcome.reason}): its tests skip` : outcome.status;
    console.log(`${outcome.part.padEnd(15)} ${outcome.version.padEnd(44)} ${note}, ${outcome.seconds.toFixed(1)} s`);
  }
  console.log(`real parts in ${cacheDir}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  // A failed build command: its own output says why, without a Node stack trace.
  const output = (error as { stderr?: unknown }).stderr;
  if (typeof output !== 'string') throw error;
  console.error(output.trim());
  console.error(
    `real-parts: the install failed after ${((Date.now() - started) / 1000).toFixed(1)} s (its output is above); it is not marked installed`,
  );
  process.exitCode = 1;
}
