import type { Command } from 'commander';

/** Every subcommand registers itself here; each lives in its own file. */
export const commands: ((program: Command) => void)[] = [];
