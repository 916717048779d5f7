// `pnpm gen:provider`: regenerates gen/ from schema/yandex-provider-schema.json (offline, no terraform).
import { stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { generateBindings, listFiles, packageDir } from '../src/generate.ts';

const outDir = join(packageDir, 'gen');
const started = performance.now();
await generateBindings(outDir);
const files = await listFiles(outDir);
let bytes = 0;
for (const file of files) bytes += (await stat(file)).size;
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`generated ${files.length} files (${(bytes / 1024).toFixed(0)} KiB) into ${relative(process.cwd(), outDir)} in ${seconds} s`);
