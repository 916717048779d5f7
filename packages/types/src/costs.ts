import { z } from 'zod';
import { jsonFormat } from './format.ts';

const money = z.number().nonnegative();

/**
 * What the user pays for one host of each preset per hour (compute and the Data Processing surcharge together, as
 * the cloud's price list gives them), in one currency. ferry ships no prices: the user's table is the only source.
 */
const priceTableSchema = z.object({
  currency: z.string().min(1),
  host_hour: z.record(z.string().min(1), money),
});
export type PriceTable = z.infer<typeof priceTableSchema>;

/** A price table file (`--prices`, FERRY_PRICES): `{"version": 1, "currency": "RUB", "host_hour": {"s3-c2-m8": 7.1, …}}`. */
export const priceTableFormat = jsonFormat({ name: 'ferry price table', schema: priceTableSchema, version: 1 });

const costSchema = z.object({
  currency: z.string(),
  total: money,
  by_preset: z.record(z.string(), money),
});
export type Cost = z.infer<typeof costSchema>;

const clusterUsageSchema = z.object({
  cluster_id: z.string(),
  /** When its create operation began and its delete operation ended, by the cloud's own clock. */
  created_at: z.string(),
  deleted_at: z.string(),
  hosts: z.array(z.object({ role: z.string(), preset: z.string(), count: z.number().int().positive() })),
  /** Hosts × (deleted_at − created_at), summed per host preset. */
  host_seconds: z.record(z.string(), z.number().nonnegative()),
});
export type ClusterUsage = z.infer<typeof clusterUsageSchema>;

/** A run's cluster in run.json: its host time, and what that cost when the run was given a price table. */
export const runClusterSchema = clusterUsageSchema.extend({ cost: costSchema.optional() });
export type RunCluster = z.infer<typeof runClusterSchema>;

/** A cluster's usage handed from `pnpm cloud-run`, which watches the cluster's deletion, to `ferry record-usage`. */
export const clusterUsageFormat = jsonFormat({ name: 'ferry cluster usage', schema: clusterUsageSchema, version: 1 });
