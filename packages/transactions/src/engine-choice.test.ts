import { describe, expect, it } from 'vitest';
import { clusterHosts, type SourcePeriod } from '@ferry/types';
import { CLUSTER_START_SECONDS, CLUSTER_STOP_SECONDS, decideEngine, SPARK_BYTES_PER_CORE_SECOND } from './engine-choice.ts';

const HOSTS = clusterHosts({ masterPreset: 's3-c2-m8', dataPreset: 's3-c4-m16', dataHosts: 2 });
const period = (size: number): SourcePeriod => ({ period: '2019-08-22', source: '2019-08-22.txt', size, etag: 'e' });
const GB = 1024 ** 3;

describe('given new periods and the work stack hosts (one s3-c2-m8 master, two s3-c4-m16 data hosts)', () => {
  it('when auto sees less than the threshold, then DuckDB is chosen, saying why, with no cluster estimate', () => {
    const decision = decideEngine('auto', [period(3 * GB)], { hosts: HOSTS });
    expect(decision).toEqual({ engine: 'duckdb', why: 'auto: 1 new period(s), 3.0 GB, below the 20.0 GB threshold: DuckDB here, no cluster' });
  });

  it('when auto sees the threshold or more, then the cluster is chosen with its estimate from the measured throughput', () => {
    const decision = decideEngine('auto', [period(3 * GB)], { hosts: HOSTS, thresholdBytes: 3 * GB });
    expect(decision.engine).toBe('dataproc');
    expect(decision.why).toBe('auto: 1 new period(s), 3.0 GB, at or above the 3.0 GB threshold: a cluster');
    // 8 data-host cores at the bench:spark rate per core; the master idles but is paid for all the same.
    const job = Math.ceil((3 * GB) / (SPARK_BYTES_PER_CORE_SECOND * 8));
    const lifetime = CLUSTER_START_SECONDS + job + CLUSTER_STOP_SECONDS;
    expect(decision.estimate).toEqual({
      bytes: 3 * GB,
      job_seconds: job,
      start_seconds: CLUSTER_START_SECONDS,
      stop_seconds: CLUSTER_STOP_SECONDS,
      host_seconds: { 's3-c2-m8': lifetime, 's3-c4-m16': 2 * lifetime },
    });
  });

  it('when a price table is given, then the estimate is priced per preset; a preset it lacks is one line', () => {
    const table = { currency: 'RUB', host_hour: { 's3-c2-m8': 3.6, 's3-c4-m16': 7.2 } };
    const decision = decideEngine('dataproc', [period(GB)], { hosts: HOSTS, prices: { table, where: 'prices.json' } });
    const seconds = decision.estimate!.host_seconds;
    expect(decision.estimate!.cost).toEqual({
      currency: 'RUB',
      by_preset: { 's3-c2-m8': (seconds['s3-c2-m8']! * 3.6) / 3600, 's3-c4-m16': (seconds['s3-c4-m16']! * 7.2) / 3600 },
      total: (seconds['s3-c2-m8']! * 3.6 + seconds['s3-c4-m16']! * 7.2) / 3600,
    });
    expect(() =>
      decideEngine('dataproc', [period(GB)], { hosts: HOSTS, prices: { table: { currency: 'RUB', host_hour: { 's3-c2-m8': 1 } }, where: 'p.json' } }),
    ).toThrow('the price table p.json has no host_hour price for host preset s3-c4-m16 (it prices: s3-c2-m8)');
  });

  it('when an engine is named, then it is used whatever the size', () => {
    expect(decideEngine('duckdb', [period(100 * GB)], { hosts: HOSTS }).engine).toBe('duckdb');
    expect(decideEngine('dataproc', [period(1)], { hosts: HOSTS }).engine).toBe('dataproc');
  });

  it('when a preset does not say its cores, then the estimate cannot be made and says which variable', () => {
    expect(() => clusterHosts({ masterPreset: 's3-c2-m8', dataPreset: 'big-one', dataHosts: 1 })).toThrow(
      'FERRY_DATA_PRESET is big-one: ferry cannot tell its cores (presets like s3-c4-m16 name them as c<cores>)',
    );
  });
});
