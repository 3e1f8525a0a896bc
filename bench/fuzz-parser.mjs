#!/usr/bin/env node
// Fuzzing the parser (issue 6): `node bench/fuzz-parser.mjs [--n 100000] [--seed 1] [--bytes 0.1]`
//
// Mutates the seeds and the dev corpus (../shared/seeds, ../shared/corpus/dev/docs) — cut,
// duplicate, splice from another document, insert random CJK / outline markers / brackets /
// unit-role phrases, truncate — and runs the built parser over each result:
//   - as text through `parsePlan`: must not throw at all;
//   - a fraction (--bytes, default 10 %) as bytes in one of the encodings the parser claims
//     (UTF-8, UTF-8 with BOM, UTF-16 LE/BE with BOM, GB18030) through `parseDocument`:
//     a plan or a ParseError with a Chinese message, nothing else; the plan's text must equal
//     the parse of the same text (the encoding is transparent).
// Then linearity: CPU time of one mutated document against ten different mutated documents of
// the same size joined (best of several runs each): the ratio should be near 10.
// Prints throughput (documents/s, MB/s) and exits 1 on any failure, writing the failing inputs to
// bench/.data/fuzz-parser-failures/ for reproduction.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const N = Number(arg('n', 100_000));
const SEED = Number(arg('seed', 1));
const BYTES_SHARE = Number(arg('bytes', 0.1));

if (!process.argv.includes('--no-build'))
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', join(ROOT, 'packages/parser')],
    {
      stdio: 'inherit',
    },
  );
const { parsePlan, ParseError } = await import(join(ROOT, 'packages/parser/dist/index.js'));
const { parseDocument } = await import(join(ROOT, 'packages/parser/dist/adapters/index.js'));

const shared = join(ROOT, '../shared');
const dirs = [join(shared, 'seeds'), join(shared, 'corpus/dev/docs')];
const docs = dirs.flatMap((d) =>
  readdirSync(d)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(d, f), 'utf8')),
);

/** xorshift32: the same --seed gives the same documents. */
let state = SEED >>> 0 || 1;
const rand = () => {
  state ^= state << 13;
  state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5;
  state >>>= 0;
  return state / 4294967296;
};
const int = (n) => Math.floor(rand() * n);
const pick = (xs) => xs[int(xs.length)];

const MARKERS = [
  '一、',
  '（一）',
  '(二)',
  '1.',
  '2、',
  '（3）',
  '①',
  '第一章 ',
  '第二节 ',
  '一是',
  '第一，',
  '首先，',
  '附件',
  '\n',
  '\n\n',
];
const BRACKETS = [
  '（',
  '）',
  '(',
  ')',
  '【',
  '】',
  '〔',
  '〕',
  '《',
  '》',
  '“',
  '”',
  '[',
  ']',
  '<',
  '>',
  '{',
  '}',
];
const PHRASES = [
  '（牵头单位：市发改委；责任单位：市财政局）',
  '(责任单位:各县(市、区)人民政府)',
  '牵头单位：',
  '责任单位：',
  '完成时限：2025年12月底前',
  '到2025年，达到67%以上',
  '每季度报送',
  '鄂政办发〔2022〕16号',
  '二○○九年九月八日',
  '序号 | 工作任务 | 牵头单位 |\n',
  '發(fā)展',
  '\ufffd',
  '\u00a0',
  '\u3000',
  '\t',
  '\r\n',
];
const randomCjk = () => String.fromCharCode(0x4e00 + int(0x9fa5 - 0x4e00));
const randomInsert = () => {
  switch (int(5)) {
    case 0:
      return Array.from({ length: 1 + int(12) }, randomCjk).join('');
    case 1:
      return pick(MARKERS);
    case 2:
      return Array.from({ length: 1 + int(6) }, () => pick(BRACKETS)).join('');
    case 3:
      return pick(PHRASES);
    default:
      return String.fromCharCode(int(0x3000));
  }
};

/** One mutated document: a window of a seed, then 1–8 edits. */
function mutate() {
  const base = pick(docs);
  // Log-uniform window length, so most documents are small and some are whole seeds.
  const len = Math.min(base.length, Math.round(Math.exp(Math.log(20) + rand() * Math.log(base.length / 20))));
  const at = int(base.length - len + 1);
  let text = base.slice(at, at + len);
  const edits = 1 + int(8);
  for (let e = 0; e < edits; e++) {
    const p = int(text.length + 1);
    const q = Math.min(text.length, p + int(200));
    switch (int(6)) {
      case 0: // cut
        text = text.slice(0, p) + text.slice(q);
        break;
      case 1: {
        // duplicate a range somewhere else
        const r = int(text.length + 1);
        text = text.slice(0, r) + text.slice(p, q) + text.slice(r);
        break;
      }
      case 2: {
        // splice a piece of another document
        const other = pick(docs);
        const s = int(other.length);
        text = text.slice(0, p) + other.slice(s, s + int(400)) + text.slice(q);
        break;
      }
      case 3: // truncate
        text = text.slice(0, p);
        break;
      default:
        text = text.slice(0, p) + randomInsert() + text.slice(p);
    }
  }
  return text;
}

let gbk = null;
/** GB18030 two-byte table built by inverting the platform's decoder; other characters become '?'. */
function encodeGb18030(text) {
  if (!gbk) {
    gbk = new Map();
    const dec = new TextDecoder('gbk');
    for (let a = 0x81; a <= 0xfe; a++)
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbk.has(ch)) gbk.set(ch, [a, b]);
      }
  }
  const out = [];
  let exact = true;
  for (const ch of text) {
    const c = ch.codePointAt(0);
    if (c < 0x80) out.push(c);
    else if (gbk.has(ch)) out.push(...gbk.get(ch));
    else {
      out.push(0x3f);
      exact = false;
    }
  }
  return { bytes: Uint8Array.from(out), exact };
}

const ENCODINGS = {
  'utf-8': (t) => ({ bytes: Buffer.from(t, 'utf8'), exact: true }),
  'utf-8-bom': (t) => ({
    bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]),
    exact: true,
  }),
  'utf-16le': (t) => ({
    bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]),
    exact: true,
  }),
  'utf-16be': (t) => ({
    bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, 'utf16le').swap16()]),
    exact: true,
  }),
  gb18030: encodeGb18030,
};

const failures = [];
const failDir = join(ROOT, 'bench/.data/fuzz-parser-failures');
rmSync(failDir, { recursive: true, force: true });
function fail(kind, text, error, extra = {}) {
  failures.push({ kind, error: String(error?.stack ?? error).slice(0, 500), ...extra });
  if (failures.length <= 20) {
    mkdirSync(failDir, { recursive: true });
    writeFileSync(join(failDir, `${failures.length}-${kind}.txt`), text);
  }
}

const CHINESE = /[\u4e00-\u9fff]/;
let chars = 0;
let byteRuns = 0;
let parseErrors = 0;
/** Documents named .txt that the format detection read as something else (CSV, HTML). */
const notText = {};
let slowest = { ms: 0, chars: 0 };
const started = performance.now();
for (let i = 0; i < N; i++) {
  const text = mutate();
  chars += text.length;
  const t0 = performance.now();
  let plan = null;
  try {
    plan = parsePlan(text);
    if (typeof plan.text !== 'string' || !Array.isArray(plan.tasks)) fail('shape', text, 'no text or tasks');
  } catch (e) {
    if (e instanceof ParseError) parseErrors++;
    else fail('text-throw', text, e);
  }
  const ms = performance.now() - t0;
  if (ms > slowest.ms) slowest = { ms, chars: text.length };
  if (rand() < BYTES_SHARE) {
    byteRuns++;
    const name = pick(Object.keys(ENCODINGS));
    const { bytes, exact } = ENCODINGS[name](text);
    try {
      const fromBytes = await parseDocument(bytes, { filename: 'fuzz.txt' });
      if (fromBytes.format !== 'txt') notText[fromBytes.format] = (notText[fromBytes.format] ?? 0) + 1;
      // The encoding must be transparent: the same plan as from UTF-8 (when every character survived).
      // (Under 16 characters GB18030 bytes can also be valid UTF-8 — "知" is D6 AA — so only longer
      // documents are compared.)
      if (exact && name !== 'utf-8' && (name !== 'gb18030' || text.length >= 16)) {
        const fromUtf8 = await parseDocument(Buffer.from(text, 'utf8'), { filename: 'fuzz.txt' });
        if (fromBytes.text !== fromUtf8.text || fromBytes.tasks.length !== fromUtf8.tasks.length)
          fail(
            'encoding',
            text,
            `${name}: ${fromBytes.tasks.length} tasks, UTF-8 gave ${fromUtf8.tasks.length}`,
            {
              encoding: name,
            },
          );
      }
    } catch (e) {
      if (!(e instanceof ParseError)) fail('bytes-throw', text, e, { encoding: name });
      else if (!CHINESE.test(e.message)) fail('message', text, e.message, { encoding: name });
    }
  }
  if ((i + 1) % 10_000 === 0)
    console.log(
      `  ${i + 1} documents, ${((performance.now() - started) / 1000).toFixed(0)} s, failures ${failures.length}`,
    );
}
const seconds = (performance.now() - started) / 1000;

// Linearity: one mutated document of ~S characters against ten different ones joined (~10 S).
const cpu = (fn) => {
  const c = process.cpuUsage();
  fn();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
};
const best = (text, n) => {
  parsePlan(text);
  let min = Infinity;
  for (let i = 0; i < n; i++)
    min = Math.min(
      min,
      cpu(() => parsePlan(text)),
    );
  return min;
};
const sized = (target) => {
  let t = '';
  while (t.length < target) t += mutate() + '\n';
  return t.slice(0, target);
};
const scaling = [];
for (const size of [20_000, 100_000]) {
  const one = sized(size);
  const ten = Array.from({ length: 10 }, () => sized(size)).join('\n');
  const t1 = best(one, 9);
  const t10 = best(ten, 5);
  scaling.push({ size, t1, t10, ratio: t10 / t1 });
}

const load = os
  .loadavg()
  .map((x) => x.toFixed(2))
  .join(' ');
console.log(`\nfuzz-parser: ${N} mutated documents (seed ${SEED}), ${byteRuns} also as bytes in an encoding`);
console.log(
  `  ${seconds.toFixed(1)} s, ${(N / seconds).toFixed(0)} documents/s, ${(chars / seconds / 1e6).toFixed(2)} M characters/s`,
);
console.log(
  `  mean size ${(chars / N).toFixed(0)} characters; slowest ${slowest.ms.toFixed(1)} ms (${slowest.chars} characters)`,
);
console.log(`  ParseError from parsePlan: ${parseErrors}; failures: ${failures.length}`);
console.log(`  named .txt but read as another format: ${JSON.stringify(notText)} (of ${byteRuns})`);
for (const s of scaling)
  console.log(
    `  linearity at ${s.size} → ${s.size * 10} characters: ${s.t1.toFixed(1)} ms → ${s.t10.toFixed(1)} ms CPU, ratio ${s.ratio.toFixed(1)} (10 is linear)`,
  );
console.log(`  load average ${load}; node ${process.version}`);
for (const f of failures.slice(0, 10))
  console.log(`  FAIL ${f.kind}${f.encoding ? ` (${f.encoding})` : ''}: ${f.error.split('\n')[0]}`);
if (failures.length) console.log(`  failing inputs in ${failDir}`);
process.exit(failures.length ? 1 : 0);
