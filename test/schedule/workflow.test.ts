import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
}
interface Job {
  if: string;
  concurrency: { group: string; 'cancel-in-progress': boolean };
  env: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: { schedule: { cron: string }[]; workflow_dispatch: { inputs: { task: { options: string[] } } } };
  jobs: Record<'cloud-run' | 'reap' | 'rocket', Job>;
}

/** Secrets a job reads that may be unset (blank means none): they are not checked, and not required. */
const OPTIONAL_SECRETS = ['FERRY_WEBHOOK_URL', 'LL2_API_TOKEN'];

const text = readFileSync(join(repoRoot, '.github', 'workflows', 'ferry.yml'), 'utf8');
const workflow = parse(text) as Workflow;
const [daily, hourly, rocketDaily] = workflow.on.schedule.map(({ cron }) => cron);

/** Every `secrets.NAME` a job reads, anywhere in it, less the optional ones. */
function secretsOf(job: Job): string[] {
  const all = [...new Set([...JSON.stringify(job).matchAll(/secrets\.([A-Z0-9_]+)/g)].map((match) => match[1]!))];
  return all.filter((name) => !OPTIONAL_SECRETS.includes(name)).sort();
}

/** Runs a job's first step as the runner would: its env, with a secret the repository lacks as an empty string. */
function checkSecrets(job: Job, present: string[]) {
  const step = job.steps[0]!;
  const env = Object.fromEntries(Object.keys(step.env ?? {}).map((name) => [name, present.includes(name) ? `value-of-${name}` : '']));
  return spawnSync('bash', ['-e', '-c', step.run!], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
}

describe('given the scheduled GitHub Actions workflow', () => {
  it('when its triggers are read, then the cloud run is daily, the reaper hourly, the rocket run daily, and each can be started by hand', () => {
    expect(daily).toBe('0 3 * * *');
    expect(hourly).toBe('30 * * * *');
    expect(rocketDaily).toBe('0 4 * * *');
    expect(workflow.on.workflow_dispatch.inputs.task.options).toEqual(['cloud-run', 'reap', 'rocket']);
    expect(workflow.jobs.rocket.if).toBe(`github.event.schedule == '${rocketDaily}' || inputs.task == 'rocket'`);
    // Each job runs on its own schedule only: the `if` names its cron exactly.
    expect(workflow.jobs['cloud-run'].if).toBe(`github.event.schedule == '${daily}' || inputs.task == 'cloud-run'`);
    expect(workflow.jobs.reap.if).toBe(`github.event.schedule == '${hourly}' || inputs.task == 'reap'`);
  });

  it('when its concurrency is read, then two cloud runs never overlap and a waiting one is never cancelled', () => {
    expect(workflow.jobs['cloud-run'].concurrency).toEqual({ group: 'ferry-cloud-run', 'cancel-in-progress': false });
    expect(workflow.jobs.reap.concurrency).toEqual({ group: 'ferry-reap', 'cancel-in-progress': false });
    expect(workflow.jobs.rocket.concurrency).toEqual({ group: 'ferry-rocket', 'cancel-in-progress': false });
  });

  it('when the secrets it names are read, then credentials come from secrets only, and never inside a command', () => {
    expect(secretsOf(workflow.jobs['cloud-run'])).toEqual([
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'FERRY_TF_STATE_BUCKET',
      'YC_FOLDER_ID',
      'YC_SERVICE_ACCOUNT_KEY',
    ]);
    expect(secretsOf(workflow.jobs.reap)).toEqual(['YC_FOLDER_ID', 'YC_SERVICE_ACCOUNT_KEY']);
    expect(secretsOf(workflow.jobs.rocket)).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'YC_FOLDER_ID']);
    // The optional ones reach the commands through the job's env, where blank means none.
    expect(workflow.jobs.rocket.env).toMatchObject({
      LL2_API_TOKEN: '${{ secrets.LL2_API_TOKEN }}',
      FERRY_WEBHOOK_URL: '${{ secrets.FERRY_WEBHOOK_URL }}',
    });
    expect(workflow.jobs['cloud-run'].env.YC_SERVICE_ACCOUNT_KEY_FILE).toBe('${{ secrets.YC_SERVICE_ACCOUNT_KEY }}');
    for (const job of Object.values(workflow.jobs)) for (const step of job.steps) expect(step.run ?? '').not.toContain('secrets.');
  });

  it('when the jobs run, then the cloud run calls pnpm cloud-run with OpenTofu, and the reaper ferry reap', () => {
    const cloudRun = workflow.jobs['cloud-run'];
    expect(cloudRun.env).toMatchObject({ TERRAFORM_BINARY_NAME: 'tofu', FERRY_S3_ENDPOINT: 'yandex' });
    expect(cloudRun.steps.find((step) => step.uses?.startsWith('opentofu/setup-opentofu'))).toBeDefined();
    expect(cloudRun.steps.at(-1)?.run).toMatch(/^npx --yes pnpm@10\.34\.8 cloud-run -- /);
    expect(workflow.jobs.reap.steps.at(-1)?.run).toBe('node packages/cli/bin/ferry.js reap');
  });

  it('when the rocket job runs, then ferry rocket run is followed, also after a failure, by the watchdog ferry runs --check --max-age 26h', () => {
    const steps = workflow.jobs.rocket.steps as (Step & { if?: string })[];
    expect(steps.at(-2)?.run).toMatch(/^node packages\/cli\/bin\/ferry\.js rocket run --results "s3:\/\/ferry-results-\$YC_FOLDER_ID"/);
    expect(steps.at(-1)).toMatchObject({
      if: 'always()',
      run: 'node packages/cli/bin/ferry.js runs --check --max-age 26h --pipeline rocket --results "s3://ferry-results-$YC_FOLDER_ID"',
    });
  });

  for (const name of ['cloud-run', 'reap', 'rocket'] as const) {
    describe(`when the ${name} job starts`, () => {
      const job = workflow.jobs[name];
      const secrets = secretsOf(job);

      it('then its first step checks every secret the job reads', () => {
        expect(job.steps[0]?.name).toBe('check secrets');
        expect(Object.keys(job.steps[0]?.env ?? {}).sort()).toEqual(secrets);
        for (const [secret, value] of Object.entries(job.steps[0]?.env ?? {})) expect(value).toBe(`\${{ secrets.${secret} }}`);
      });

      it('then without a secret the step fails naming exactly the missing ones; with all of them it passes', () => {
        const [first, ...others] = secrets;
        const without = checkSecrets(job, others);
        expect(without.status).toBe(1);
        expect(without.stdout.trim()).toBe(`::error::missing repository secrets: ${first} (Settings → Secrets and variables → Actions)`);
        const none = checkSecrets(job, []);
        expect(none.stdout).toContain(`missing repository secrets: ${Object.keys(job.steps[0]?.env ?? {}).join(' ')}`);
        expect(checkSecrets(job, secrets).status).toBe(0);
      });
    });
  }
});
