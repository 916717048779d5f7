import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commands } from './index.ts';

const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const doc = readFileSync(join(repoRoot, 'docs', 'rocket.md'), 'utf8');

/** The rows of the 90-task table: first cell `V.T`. */
const rows = doc
  .split('\n')
  .map((line) => line.split('|').map((cell) => cell.trim()))
  .filter((cells) => /^\d+\.\d$/.test(cells[1] ?? ''))
  .map((cells) => ({ task: cells[1]!, answer: cells[3]!, fully: cells[4]! }));

/** The CLI as `ferry` builds it. */
function program(): Command {
  const ferry = new Command('ferry').option('--debug');
  for (const register of commands) register(ferry);
  return ferry;
}

/** `ferry rocket run --tz` → the command `rocket run` and its flags; names that are not commands or flags end it. */
function commandOf(snippet: string): { path: string[]; flags: string[] } {
  const words = snippet.split(/\s+/).slice(1);
  const path: string[] = [];
  const flags: string[] = [];
  let root = program();
  for (const word of words) {
    if (word.startsWith('--')) flags.push(word.replace(/[=,:].*$/, ''));
    else if (flags.length === 0) {
      const sub = root.commands.find((command) => command.name() === word);
      if (!sub) break;
      path.push(word);
      root = sub;
    }
  }
  return { path, flags };
}

function helpOf(path: string[]): { names: string[]; flags: string[] } {
  let command = program();
  for (const name of path) command = command.commands.find((sub) => sub.name() === name)!;
  return { names: command.commands.map((sub) => sub.name()), flags: [...command.options.map((option) => option.long!), '--debug', '--help'] };
}

describe('given docs/rocket.md', () => {
  it('when its task table is read, then there is exactly one row for each of the 30 variants × 3 tasks, each naming what answers it', () => {
    const expected = Array.from({ length: 30 }, (_, v) => [1, 2, 3].map((t) => `${v + 1}.${t}`)).flat();
    expect(rows.map((row) => row.task)).toEqual(expected);
    for (const row of rows) {
      expect(row.answer, row.task).toMatch(/`[^`]+`|\]\(#/);
      expect(['full', 'part'], row.task).toContain(row.fully);
    }
  });

  it('when the count of fully answered tasks is read, then it is the count of "full" rows', () => {
    const full = rows.filter((row) => row.fully === 'full').length;
    expect(doc).toContain(`${full} of 90 are full`);
  });

  it("when a row names a ferry command or flag, then the CLI's help lists it", () => {
    const snippets = rows.flatMap((row) => [...row.answer.matchAll(/`(ferry [^`]+)`/g)].map((match) => ({ task: row.task, snippet: match[1]! })));
    expect(snippets.length).toBeGreaterThan(50);
    for (const { task, snippet } of snippets) {
      const { path, flags } = commandOf(snippet);
      const words = snippet
        .split(/\s+/)
        .slice(1)
        .filter((word) => !word.startsWith('-'));
      expect(path.length, `${task}: ${snippet}`).toBeGreaterThan(0);
      // A command that has subcommands (`ferry rocket images`) must be followed by one of them.
      const help = helpOf(path);
      if (help.names.length > 0 && words.length > path.length) expect(help.names, `${task}: ${snippet}`).toContain(words[path.length]);
      for (const flag of flags) expect(help.flags, `${task}: ${snippet}`).toContain(flag);
    }
  });

  it('when the failure catalogue names the test that shows a failure, then that test file exists', () => {
    const catalogue = doc.slice(doc.indexOf('## The catalogue of failures handled'), doc.indexOf('## BashOperator vs PythonOperator'));
    const files = [...new Set([...catalogue.matchAll(/`([\w./-]+\.test\.ts)`/g)].map((match) => match[1]!))];
    expect(files.length).toBeGreaterThan(8);
    const places = ['', 'test/rocket/', 'packages/rocket/src/', 'packages/cli/src/commands/'];
    for (const file of files)
      expect(
        places.some((place) => existsSync(join(repoRoot, place, file))),
        file,
      ).toBe(true);
  });
});

describe('given `ferry rocket run --help` and the README', () => {
  const run = program()
    .commands.find((command) => command.name() === 'rocket')!
    .commands.find((command) => command.name() === 'run')!;
  const flags = run.options.map((option) => option.long!);

  it('when the help is read, then it lists the options of the results store only, none of the transactions pipeline', () => {
    expect(flags).toEqual(expect.arrayContaining(['--results', '--endpoint', '--region', '--api', '--token', '--concurrency', '--timeout-ms']));
    for (const transactionsOnly of ['--source', '--work', '--engine', '--terminal-id-max', '--epoch']) expect(flags).not.toContain(transactionsOnly);
  });

  it("when the README's commands table is read, then its rocket run row names every option of the command but the store's", () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const row = readme.split('\n').find((line) => line.startsWith('| `ferry rocket run '))!;
    expect(row).toBeDefined();
    for (const flag of flags.filter((name) => !['--results', '--endpoint', '--region'].includes(name))) expect(row, flag).toContain(flag);
  });
});
