import { Command, CommanderError } from 'commander';
import { createRedactor } from '@ferry/runs/redact';
import { FerryError } from '@ferry/types';
import { commands } from './commands/index.ts';

/**
 * Entry point of the `ferry` command; returns the process exit code.
 * User errors (FerryError, bad options) print one line; a stack trace only with --debug.
 */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('ferry')
    .description('Incremental, verifiable pipelines over object storage.')
    .option('--debug', 'print stack traces and debug logs')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const register of commands) register(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    const code = reportError(error, argv.includes('--debug'));
    // A signal handler may have set the conventional 128+n status already.
    return process.exitCode ? Number(process.exitCode) : code;
  }
}

function reportError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Commander already printed its message (or the help text, which exits 0).
    return error.exitCode;
  }
  // Error text can carry what a server echoed back (a signed URL, a token): redact it like every log line.
  const redact = createRedactor();
  if (debug && error instanceof Error) {
    process.stderr.write(`${redact(error.stack ?? error.message)}\n`);
  } else if (error instanceof FerryError) {
    process.stderr.write(`error: ${redact(error.message)}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${redact(message)}\n(unexpected: rerun with --debug for the stack trace)\n`);
  }
  return 1;
}
