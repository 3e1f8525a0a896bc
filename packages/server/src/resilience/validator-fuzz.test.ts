import { expect, test } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { ROLES } from '@xietong/shared';
import { useTestWorkspace } from '../testing/workspace.js';
import type { AnyRoute } from '../http/route.js';
import { CHINESE } from './fixtures.js';

// API validator fuzzing (issue 6): for every route in the route table, generated path parameters,
// query strings and bodies — shaped by the route's own schemas (valid, nearly valid, hostile
// strings and numbers) or any JSON at all — must never get a 5xx; every refusal is JSON with a
// code and a Chinese message. The caller holds every role and the resource is "its own"
// (`x-test-resource-units`), so requests get past the policy to the validators and handlers.
// `RESILIENCE_FUZZ_RUNS` (default 8 per route) is raised by `npm run test:resilience`.

const ws = useTestWorkspace({ unsafeTestResourceUnits: true });
const RUNS = Number(process.env.RESILIENCE_FUZZ_RUNS ?? 8);

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

const HOSTILE_STRINGS = [
  "' or '1'='1",
  "'); drop table reports; --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '../../etc/passwd',
  '%00',
  '\u202e\u200b\ufeff',
  '𠀀𪚥😀',
  '00000000-0000-0000-0000-000000000000',
  '2026-02-30',
  '9999-12-31',
  '-1',
  'NaN',
  '__proto__',
  'constructor',
  ' ',
  '',
];
const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.nat({ max: 70_000 }).map((n) => '长'.repeat(n)),
);
const hostileNumber = fc.oneof(
  fc.constantFrom(0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5, -0),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Values shaped by a JSON schema: mostly valid, sometimes at or past its limits. */
function fromSchema(s: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 6) return fc.jsonValue({ maxDepth: 2 });
  const variants: fc.Arbitrary<unknown>[] = [];
  if (s.anyOf ?? s.oneOf) variants.push(...(s.anyOf ?? s.oneOf)!.map((x) => fromSchema(x, depth + 1)));
  if (s.allOf?.length) variants.push(fromSchema(s.allOf[0], depth + 1));
  if (s.enum) variants.push(fc.constantFrom(...s.enum));
  if (s.const !== undefined) variants.push(fc.constant(s.const));
  if (s.nullable) variants.push(fc.constant(null));
  const types = [s.type ?? []].flat();
  for (const t of types) {
    if (t === 'string') {
      if (s.format === 'uuid') variants.push(fc.uuid());
      else if (s.format === 'date')
        variants.push(fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
      else if (s.format === 'date-time')
        variants.push(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));
      else
        variants.push(
          fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 60, 60) }),
          fc.constant('界'.repeat((s.maxLength ?? 1000) + 1)),
        );
      variants.push(hostileString);
    } else if (t === 'number' || t === 'integer') {
      variants.push(
        t === 'integer'
          ? fc.integer({ min: Math.max(s.minimum ?? -1000, -1e9), max: Math.min(s.maximum ?? 1000, 1e9) })
          : fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 1000, noNaN: true }),
        hostileNumber,
      );
    } else if (t === 'boolean') variants.push(fc.boolean());
    else if (t === 'null') variants.push(fc.constant(null));
    else if (t === 'array')
      variants.push(
        fc.array(fromSchema(s.items, depth + 1), {
          minLength: s.minItems ?? 0,
          maxLength: Math.min(s.maxItems ?? 4, 4),
        }),
      );
    else if (t === 'object') variants.push(objectFrom(s, depth));
  }
  if (!variants.length) variants.push(fc.jsonValue({ maxDepth: 2 }));
  return fc.oneof(...variants);
}

function objectFrom(s: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries(s.properties ?? {});
  if (!props.length) return fc.dictionary(hostileString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
  const required = new Set(s.required ?? []);
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, v] of props) record[k] = fromSchema(v, depth + 1);
  // Every property may be left out (a missing required one must be a 400, not a 500), plus
  // unknown keys, prototype names included.
  return fc
    .tuple(
      fc.record(record, {
        requiredKeys: props.filter(([k]) => required.has(k) && depth > 0).map(([k]) => k),
      }),
      fc.dictionary(
        fc.constantFrom('__proto__', 'constructor', 'unknownField', 'id', 'unitId', 'status'),
        fc.jsonValue({ maxDepth: 1 }),
        {
          maxKeys: 2,
        },
      ),
    )
    .map(([known, extra]) => ({ ...extra, ...known }));
}

const schemaOf = (s: z.ZodType | undefined): JsonSchema | undefined =>
  s
    ? (z.toJSONSchema(s, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' }) as JsonSchema)
    : undefined;

/** One request for a route: params, query and body generated from its schemas, or anything. */
function requestFor(route: AnyRoute) {
  const names = (route.url.match(/:[A-Za-z_]+/g) ?? []).map((p) => p.slice(1));
  const paramSchema = schemaOf(route.params as z.ZodType | undefined);
  const params = fc.tuple(
    ...names.map((n) => fc.oneof(fromSchema(paramSchema?.properties?.[n]), fc.uuid(), hostileString)),
  );
  const querySchema = schemaOf(route.query as z.ZodType | undefined);
  const query = querySchema ? fromSchema(querySchema) : fc.constant({});
  const bodySchema = schemaOf(route.body as z.ZodType | undefined);
  const body = fc.oneof(
    { weight: 3, arbitrary: bodySchema ? fromSchema(bodySchema) : fc.constant({}) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
  return fc.record({ params, query, body });
}

/** A generated value as it would travel in a URL. */
const asText = (v: unknown): string =>
  v === undefined ? '' : typeof v === 'string' ? v : (JSON.stringify(v) ?? '');

function urlOf(route: AnyRoute, params: unknown[], query: unknown): string {
  let i = 0;
  const path = route.url.replace(/:[A-Za-z_]+/g, () => encodeURIComponent(asText(params[i++])));
  const qs = new URLSearchParams();
  if (query && typeof query === 'object')
    for (const [k, v] of Object.entries(query as Record<string, unknown>))
      if (v !== undefined) qs.append(k, asText(v));
  const q = qs.toString();
  return q ? `${path}?${q}` : path;
}

test(
  `every route's validators survive ${RUNS} generated requests each without a 5xx`,
  async () => {
    const caller = await ws.as([...ROLES]);
    const own = caller.user.unitId!;
    const routes = ws.app.routeTable.filter(
      // Signing out would end the caller's session for the rest of the run.
      (r) => !(r.method === 'DELETE' && r.url === '/api/session'),
    );
    expect(routes.length).toBeGreaterThan(40);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(requestFor(route), async ({ params, query, body }) => {
          const url = urlOf(route, params, query);
          const res = await caller.request(route.method, url, route.method === 'GET' ? undefined : body, {
            'x-test-resource-units': own,
          });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500)
            failures.push(`${route.method} ${url} ${JSON.stringify(body).slice(0, 200)} → ${res.status}`);
          if (res.status >= 400 && res.status < 500) {
            expect(typeof res.body.code).toBe('string');
            expect(res.body.message).toMatch(CHINESE);
          }
        }),
        { numRuns: RUNS, seed: Number(process.env.RESILIENCE_FUZZ_SEED ?? 20261123) },
      );
    }
    const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
    console.log(`validator fuzz over ${routes.length} routes: ${byStatus.join(' ')}`);
    expect(failures).toEqual([]);
  },
  // The full form (100 runs per route) sends ~8,000 requests.
  Math.max(120_000, RUNS * 15_000),
);
