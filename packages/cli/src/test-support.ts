import { Command } from 'commander';
import { vi } from 'vitest';
import { main } from './main.ts';

/** Runs `ferry <args>` in-process with only one command registered; returns what it printed on stdout (stderr is muted). */
export async function runCommand(register: (program: Command) => void, args: string[]): Promise<string> {
  const program = new Command('ferry').exitOverride();
  register(program);
  const out: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  const errors = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    write.mockRestore();
    errors.mockRestore();
  }
  return out.join('');
}

/** Runs the whole `ferry <args>` in-process as its entry point does: its exit code and what it printed. */
export async function runFerry(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (stdout.push(String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (stderr.push(String(chunk)), true));
  try {
    const code = await main(args);
    return { code, stdout: stdout.join(''), stderr: stderr.join('') };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
