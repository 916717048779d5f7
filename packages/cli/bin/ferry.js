#!/usr/bin/env node
// The ferry CLI runs its TypeScript sources compiled once into .cache/cli/ (rebuilt when a source changed; see
// compile.js), so a start transpiles nothing; should that build fail, the sources run directly through tsx.
import { compiledCli } from './compile.js';

const compiled = await compiledCli();
if (!compiled) (await import('tsx/esm/api')).register();
const { main } = await import(compiled ?? '../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
