import { Command } from 'commander';
import { vi } from 'vitest';

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
