#!/usr/bin/env node
// The ferry CLI runs its TypeScript sources directly through tsx: no build step, so a clean clone runs as is.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
