#!/usr/bin/env node
// node packages/parser/bin/xietong-parse.mjs FILE... — the parser's own entry to `xietong parse` (needs `npm run build`).
import { runParseCli } from '../dist/cli/parse.js';

process.exitCode = await runParseCli(process.argv.slice(2));
