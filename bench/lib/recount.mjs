// The recount lives in the server (packages/server/src/resilience/recount.ts) so the resilience
// tests and the bench share one definition of "the maintained counts, recomputed from scratch".
import { DIST } from './server.mjs';

const mod = await import(`${DIST}resilience/recount.js`);
export const recount = mod.recount;
