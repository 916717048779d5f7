// What the cdktf CLI was asked to do. cdktf runs the stack program (cdktf.json "app") the same way for synth,
// deploy, destroy and diff and tells it nothing about which, so the program finds the cdktf process among its
// ancestors and reads that process's arguments.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export interface CdktfInvocation {
  command: string;
  /** The stack arguments, as given (names or globs). */
  stacks: string[];
}

/** The cdktf commands that run the stack program, so an option's value before the command is not taken for it. */
const COMMANDS = new Set(['deploy', 'destroy', 'diff', 'plan', 'watch', 'output', 'outputs', 'synth', 'synthesize', 'list']);

/** Reads a cdktf command line: `node …/cdktf deploy work --auto-approve` → { command: deploy, stacks: [work] }. */
export function parseCdktfArgs(argv: readonly string[]): CdktfInvocation | undefined {
  const script = argv.findIndex((arg) => /(^|\/)cdktf(\.js)?$/.test(arg));
  if (script < 0) return undefined;
  const rest = argv.slice(script + 1);
  const at = rest.findIndex((arg) => COMMANDS.has(arg));
  if (at < 0) return undefined;
  return { command: rest[at]!, stacks: rest.slice(at + 1).filter((arg) => !arg.startsWith('-')) };
}

interface ProcessInfo {
  parent: number;
  argv: string[];
}

/** Linux's /proc, else `ps` (macOS). */
function processInfo(pid: number): ProcessInfo | undefined {
  try {
    if (existsSync(`/proc/${pid}/stat`)) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name (field 2) may hold spaces and parentheses: the fields after it start at the last ')'.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      return { parent, argv };
    }
    const line = execFileSync('ps', ['-o', 'ppid=', '-o', 'command=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    const [parent, ...argv] = line.split(/\s+/);
    return { parent: Number(parent), argv };
  } catch {
    return undefined;
  }
}

/** The nearest cdktf command among this process's ancestors, or undefined when cdktf did not start it. */
export function findCdktfInvocation(startPid = process.ppid): CdktfInvocation | undefined {
  for (let pid = startPid, depth = 0; pid > 1 && depth < 16; depth += 1) {
    const info = processInfo(pid);
    if (!info) return undefined;
    const invocation = parseCdktfArgs(info.argv);
    if (invocation) return invocation;
    pid = info.parent;
  }
  return undefined;
}
