/**
 * The embedded S3 server (s3rver) in a process of its own, for benchmarks that compare clients: each client then
 * does only its own work, as against a remote server. Creates the buckets named, prints
 * `{endpoint, accessKeyId, secretAccessKey}` once listening and stops when its standard input closes.
 *
 *   tsx scripts/bench/s3-server.ts <data dir> [bucket…]
 */
import { Storage } from '@ferry/storage';

const [dir, ...buckets] = process.argv.slice(2);
const storage = await Storage.open({ endpoint: 'embedded', embeddedDir: dir });
for (const bucket of ['bench', ...buckets]) await storage.store(`s3://${bucket}`);
process.stdout.write(`${JSON.stringify(storage.embeddedS3)}\n`);
process.stdin.resume();
process.stdin.on('end', () => void storage.close().then(() => process.exit(0)));
