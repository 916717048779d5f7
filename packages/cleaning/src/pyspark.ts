/**
 * The cluster engine's job: spark/clean_job.py, a real Python file whose "<<ferry:name>>" string placeholders are
 * filled with Python literals rendered from the rule definitions (Python 3.8, Spark 3.3.2).
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_RULE_PARAMS, layout, REPAIR_IDS, RULE_IDS } from '@ferry/types';
import type { RuleParams } from '@ferry/types';
import type { ParamName } from './expr.ts';
import { GZIP_MAGIC, REFUSALS, SNIFF_BYTES } from './refusals.ts';
import { placeholder, SPARK } from './dialect.ts';
import { renderCleaningQuery, renderQualityQuery, renderSourceRows } from './render.ts';
import { cleaningDefinition } from './rules.ts';

const TEMPLATE_URL = new URL('./spark/clean_job.py', import.meta.url);
const PLACEHOLDER = /"<<ferry:([a-z_]+)>>"/g;
const PARAMS: readonly ParamName[] = ['terminal_id_max', 'epoch_seconds'];

/** The job's template as it is in the repository, placeholders and all. */
export function readJobTemplate(): string {
  return readFileSync(TEMPLATE_URL, 'utf8');
}

/**
 * The complete job a cluster runs. Its CLI defaults are `params`; the SQL keeps `{{terminal_id_max}}` and
 * `{{epoch_seconds}}`, which the job fills in from its own --terminal-id-max and --epoch.
 */
export function renderPySparkJob(params: RuleParams = DEFAULT_RULE_PARAMS): string {
  const definition = cleaningDefinition(params, 'line');
  const values: Record<string, string> = {
    default_terminal_id_max: String(params.terminalIdMax),
    default_epoch: pythonString(params.epoch),
    rule_ids: pythonTuple(RULE_IDS),
    repair_ids: pythonTuple(REPAIR_IDS),
    staged_layout: pythonDict(layout.work.stagedFiles),
    param_placeholders: pythonDict(Object.fromEntries(PARAMS.map((name) => [name, placeholder(name)]))),
    refusals: pythonDict(REFUSALS),
    sniff_bytes: String(SNIFF_BYTES),
    gzip_magic: `[${GZIP_MAGIC.join(', ')}]`,
    comment_condition: pythonString(SPARK.print(definition.comment)),
    source_rows_sql: pythonBlock(renderSourceRows(SPARK, definition, 'source_lines')),
    cleaning_sql: pythonBlock(renderCleaningQuery(SPARK, definition, { input: 'source_rows', placeholders: true })),
    quality_sql: pythonBlock(renderQualityQuery(SPARK, 'classified')),
  };
  const unused = new Set(Object.keys(values));
  const job = readJobTemplate().replace(PLACEHOLDER, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`the job template has a placeholder nothing renders: ${name}`);
    unused.delete(name);
    return value;
  });
  if (unused.size > 0) throw new Error(`the job template lacks the placeholders ${[...unused].join(', ')}`);
  return job;
}

/** The command line of the job for one run: where it reads and writes, which sources, and the rule parameters. */
export function pySparkJobArgs(run: { inputUri: string; outputUri: string; sources: readonly string[]; params: RuleParams }): string[] {
  return [
    '--input-uri',
    run.inputUri,
    '--output-uri',
    run.outputUri,
    '--sources',
    run.sources.join(','),
    '--terminal-id-max',
    String(run.params.terminalIdMax),
    '--epoch',
    run.params.epoch,
  ];
}

/** JSON strings are Python string literals (the rendered values are ASCII). */
function pythonString(value: string): string {
  return JSON.stringify(value);
}

function pythonTuple(values: readonly string[]): string {
  return `(${values.map(pythonString).join(', ')}${values.length === 1 ? ',' : ''})`;
}

function pythonDict(entries: Readonly<Record<string, string>>): string {
  return `{${Object.entries(entries)
    .map(([key, value]) => `${pythonString(key)}: ${pythonString(value)}`)
    .join(', ')}}`;
}

/** SQL as a triple-quoted Python string; the printers never emit backslashes or triple quotes. */
function pythonBlock(sql: string): string {
  if (sql.includes('\\') || sql.includes('"""')) throw new Error('rendered SQL cannot be embedded as a plain Python block');
  return `"""\n${sql}\n"""`;
}
