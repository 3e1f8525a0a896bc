#!/usr/bin/env node
// Deterministic generator of realistic Xietong data (issue 6).
//
//   node bench/generate.mjs --size small|region|national --db pglite|postgres [--dir DATA_DIR] [--url URL] [--seed N] [--now ISO]
//
// pglite: writes the embedded database into DATA_DIR/pglite (the layout `xietong serve` uses with
// XIETONG_DATA_DIR=DATA_DIR). postgres: DATABASE_URL or --url, an EMPTY database (it is migrated here).
//
// What goes through the product and what does not (see bench/README.md):
//   - migrations: the server's own `migrate`;
//   - units, draft plans (outline, tasks, task units, indicators, cadence): batched drizzle inserts
//     against the real schema tables (there is no bulk import path for generated plans: importing
//     goes through the parser one document at a time);
//   - publishing: the real `publishPlan` command per plan (assigns every task, opens the reporting
//     cycle and the current period's slots through the reporting hook, computes lights, audits);
//   - earlier periods: the real `openPeriod` per plan and period;
//   - report states: set-based SQL updates (the per-report commands would take hours at national
//     size), then every maintained row (unit_states, plan_states, task_states, lights) is rebuilt
//     from scratch the same way `bench/lib/recount.mjs` checks it;
//   - accounts: the real `createUser` command (argon2id).
import { parseArgs } from 'node:util';
import { mkdirSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import {
  SYSTEM,
  openBenchDatabase,
  migrations,
  context,
  config as configModule,
  plansCommands,
  accessCommands,
  slots,
  periods,
  reportingRepo,
  lights,
  directorySchema,
  plansSchema,
  reportingSchema,
  client,
} from './lib/server.mjs';
import { rng, uuidFrom, pick } from './lib/random.mjs';
import { recount } from './lib/recount.mjs';

export const SIZES = {
  small: { units: 40, plans: 2, tasksPerPlan: 200, periods: 5, indicators: 40, reporters: 20 },
  // Region-sized plans (1,000 tasks) in a small database: profiles the plan reads and bulk paths in a minute.
  medium: { units: 100, plans: 2, tasksPerPlan: 1000, periods: 5, indicators: 200, reporters: 20 },
  region: { units: 300, plans: 20, tasksPerPlan: 1000, periods: 5, indicators: 2000, reporters: 60 },
  national: { units: 2000, plans: 200, tasksPerPlan: 1000, periods: 5, indicators: 20000, reporters: 60 },
};
export const BENCH_PASSWORD = 'bench-password-1';

const PROVINCES = [
  '湖北省',
  '湖南省',
  '江西省',
  '河南省',
  '安徽省',
  '四川省',
  '广东省',
  '浙江省',
  '江苏省',
  '山东省',
  '河北省',
  '山西省',
  '陕西省',
  '甘肃省',
  '福建省',
  '广西壮族自治区',
  '云南省',
  '贵州省',
  '辽宁省',
  '吉林省',
  '黑龙江省',
  '海南省',
  '青海省',
  '宁夏回族自治区',
  '新疆维吾尔自治区',
  '西藏自治区',
  '内蒙古自治区',
  '北京市',
  '天津市',
  '上海市',
  '重庆市',
];
const CITY_STEMS = [
  '武',
  '宜',
  '襄',
  '荆',
  '黄',
  '孝',
  '咸',
  '随',
  '恩',
  '十',
  '鄂',
  '潜',
  '仙',
  '天',
  '神',
  '长',
  '株',
  '湘',
  '衡',
  '岳',
  '常',
  '益',
  '郴',
  '永',
  '怀',
  '娄',
  '张',
  '南',
  '九',
  '景',
  '萍',
  '新',
  '鹰',
  '赣',
  '吉',
  '抚',
  '上',
];
const CITY_SUFFIX = [
  '阳',
  '昌',
  '州',
  '门',
  '冈',
  '感',
  '宁',
  '施',
  '堰',
  '城',
  '江',
  '桃',
  '沙',
  '潭',
  '德',
  '化',
  '源',
  '安',
  '饶',
  '乡',
];
const DEPARTMENTS = [
  '发展和改革委员会',
  '财政厅',
  '交通运输厅',
  '自然资源厅',
  '生态环境厅',
  '住房和城乡建设厅',
  '农业农村厅',
  '商务厅',
  '教育厅',
  '卫生健康委员会',
  '科学技术厅',
  '经济和信息化厅',
  '文化和旅游厅',
  '水利厅',
  '应急管理厅',
  '市场监督管理局',
  '人力资源和社会保障厅',
  '民政厅',
  '公安厅',
  '审计厅',
  '统计局',
  '地方金融管理局',
  '林业局',
  '能源局',
  '医疗保障局',
  '数据局',
];
const VERBS = [
  '加快推进',
  '深入实施',
  '全面落实',
  '统筹推进',
  '大力发展',
  '持续优化',
  '着力提升',
  '健全完善',
  '积极培育',
  '扎实开展',
];
const OBJECTS = [
  '现代化基础设施体系建设',
  '长江经济带绿色发展',
  '营商环境改革',
  '数字政府建设',
  '城乡融合发展',
  '产业链供应链韧性提升',
  '科技创新平台布局',
  '生态环境突出问题整改',
  '公共服务均等化',
  '重点项目谋划储备',
  '综合交通枢纽建设',
  '农业农村现代化',
  '县域经济高质量发展',
  '对外开放平台建设',
  '安全生产专项整治',
];
const INDICATOR_NAMES = [
  '地区生产总值增长',
  '常住人口城镇化率',
  '研发经费投入强度',
  '单位地区生产总值能耗降低',
  '城镇新增就业人数',
  '森林覆盖率',
  '高速公路通车里程',
  '数字经济核心产业增加值占比',
  '每千人口拥有执业医师数',
  '地表水达到或好于Ⅲ类水体比例',
];
const NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

function options() {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'small' },
      db: { type: 'string', default: 'pglite' },
      dir: { type: 'string' },
      url: { type: 'string' },
      seed: { type: 'string', default: '20261123' },
      now: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  const size = SIZES[values.size];
  if (!size) throw new Error(`--size 只能是 ${Object.keys(SIZES).join('、')}`);
  if (!['pglite', 'postgres'].includes(values.db)) throw new Error('--db 只能是 pglite 或 postgres');
  const dir = resolve(values.dir ?? `bench/.data/${values.size}-${values.db}`);
  return {
    sizeName: values.size,
    size,
    db: values.db,
    dir,
    url: values.url ?? process.env.DATABASE_URL ?? null,
    seed: Number(values.seed),
    now: values.now ? new Date(values.now) : new Date(),
    force: values.force,
  };
}

/** Inserts rows in batches of `n` through drizzle (parameterised multi-row inserts). */
export async function insertBatched(db, table, values, n = 1000) {
  for (let i = 0; i < values.length; i += n) await db.insert(table).values(values.slice(i, i + n));
}

/** The unit tree: provinces → prefecture-level cities → departments of both. */
export function buildUnits(size, r) {
  const out = [];
  const provinces = Math.max(1, Math.round(size.units / 70));
  const citiesPer = Math.max(2, Math.round(size.units / provinces / 5));
  const cityNames = new Set();
  const govs = [];
  for (let p = 0; p < provinces; p++) {
    const prov =
      PROVINCES[p % PROVINCES.length] +
      (p >= PROVINCES.length ? `${Math.floor(p / PROVINCES.length) + 1}` : '');
    const id = uuidFrom(r);
    out.push({
      id,
      code: `bench.p${p}`,
      name: `${prov}人民政府`,
      level: 'province',
      kind: 'government',
      region: prov,
      parentId: null,
    });
    govs.push({ id, name: prov, region: prov, level: 'province' });
    for (let c = 0; c < citiesPer && out.length < size.units; c++) {
      let name;
      do name = pick(r, CITY_STEMS) + pick(r, CITY_SUFFIX) + '市';
      while (cityNames.has(prov + name) && cityNames.size < 700);
      if (cityNames.has(prov + name)) name = `${name}${c}`;
      cityNames.add(prov + name);
      const cid = uuidFrom(r);
      out.push({
        id: cid,
        code: `bench.p${p}.c${c}`,
        name: `${name}人民政府`,
        level: 'prefecture',
        kind: 'government',
        region: prov,
        parentId: id,
      });
      govs.push({ id: cid, name, region: prov, level: 'prefecture' });
    }
  }
  const used = new Set(out.map((u) => u.name));
  let k = 0;
  while (out.length < size.units) {
    const gov = govs[k % govs.length];
    const dept = DEPARTMENTS[Math.floor(k / govs.length) % DEPARTMENTS.length];
    let name =
      gov.level === 'province'
        ? `${gov.name.replace(/人民政府$/, '')}${dept}`
        : `${gov.name}${dept.replace(/厅$/, '局')}`;
    if (used.has(name)) name = `${name}（${k}）`;
    used.add(name);
    out.push({
      id: uuidFrom(r),
      code: `bench.d${k}`,
      name,
      level: gov.level,
      kind: 'department',
      region: gov.region,
      parentId: gov.id,
    });
    k++;
  }
  return out;
}

/** A draft plan with its outline (chapters → sections → tasks), task units, indicators, cadence. */
export function buildPlan(size, r, p, units, issuer, indicatorsPerPlan) {
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const planId = uuidFrom(r);
  const plan = {
    id: planId,
    title: `${issuer.name}关于${pick(r, VERBS)}${pick(r, OBJECTS)}的实施方案（第${p + 1}号）`,
    kind: 'implementation',
    status: 'draft',
    issuerText: issuer.name,
    issuerUnitId: issuer.id,
    docNumber: `鄂政办发〔2026〕${p + 1}号`,
    docDate: '2026-01-15',
    year: 2026,
    text: '',
  };
  const nodes = [];
  const tasks = [];
  const taskUnits = [];
  const chapters = 10;
  const sectionsPer = 10;
  const tasksPerSection = Math.ceil(size.tasksPerPlan / (chapters * sectionsPer));
  let ord = 0;
  for (let c = 0; c < chapters && tasks.length < size.tasksPerPlan; c++) {
    const chId = uuidFrom(r);
    const chTitle = `${pick(r, VERBS)}${pick(r, OBJECTS)}`;
    nodes.push({
      id: chId,
      planId,
      parentId: null,
      kind: 'heading',
      level: 1,
      marker: `${NUM[c]}、`,
      path: NUM[c],
      title: chTitle,
      text: chTitle,
      ord: ord++,
    });
    for (let s = 0; s < sectionsPer && tasks.length < size.tasksPerPlan; s++) {
      const sId = uuidFrom(r);
      const sTitle = `（${NUM[s]}）${pick(r, VERBS)}${pick(r, OBJECTS)}`;
      const sPath = `${NUM[c]}/（${NUM[s]}）`;
      nodes.push({
        id: sId,
        planId,
        parentId: chId,
        kind: 'heading',
        level: 2,
        marker: `（${NUM[s]}）`,
        path: sPath,
        title: sTitle,
        text: sTitle,
        ord: ord++,
      });
      for (let t = 0; t < tasksPerSection && tasks.length < size.tasksPerPlan; t++) {
        const tId = uuidFrom(r);
        const text = `${t + 1}. ${pick(r, VERBS)}${pick(r, OBJECTS)}，${pick(r, VERBS)}${pick(r, OBJECTS)}，确保按期完成年度目标任务。`;
        const month = 1 + Math.floor(r() * 24);
        const deadline = `${2026 + Math.floor((month - 1) / 12)}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-28`;
        const nid = uuidFrom(r);
        nodes.push({
          id: nid,
          planId,
          parentId: sId,
          kind: 'item',
          level: 3,
          marker: `${t + 1}.`,
          path: `${sPath}/${t + 1}`,
          title: text.slice(0, 30),
          text,
          ord: ord++,
        });
        tasks.push({
          id: tId,
          planId,
          nodeId: nid,
          path: `${sPath}/${t + 1}`,
          ord: tasks.length,
          text,
          deadlineText: `${deadline.slice(0, 4)}年${Number(deadline.slice(5, 7))}月底前`,
          deadlineDate: deadline,
          weight: r() < 0.2 ? 2 : null,
          status: 'draft',
        });
        // 1, 2 or 3 units (lead, responsible, cooperating): 2 on average.
        const n = 1 + (tasks.length % 3);
        const chosen = new Set();
        while (chosen.size < n) chosen.add(pick(r, units).id);
        [...chosen].forEach((unitId, i) =>
          taskUnits.push({
            taskId: tId,
            unitId,
            planId,
            role: i === 0 ? 'lead' : i === 1 ? 'responsible' : 'cooperating',
            ord: i,
            printedName: unitName.get(unitId),
          }),
        );
      }
    }
  }
  const indicators = [];
  for (let i = 0; i < indicatorsPerPlan; i++) {
    const baseline = Math.round(r() * 1000) / 10;
    indicators.push({
      id: uuidFrom(r),
      planId,
      taskId: tasks[Math.floor(r() * tasks.length)].id,
      name: `${pick(r, INDICATOR_NAMES)}（${i + 1}）`,
      target: Math.round(baseline * (1 + r() * 0.3) * 10) / 10,
      unit: '%',
      comparator: '>=',
      year: 2027,
      baseline,
      baselineYear: 2025,
      binding: r() < 0.3,
      ord: i,
    });
  }
  const cadences = [
    { id: uuidFrom(r), planId, period: 'monthly', what: '每月20日前报送上月工作进展', ord: 0 },
  ];
  return { plan, nodes, tasks, taskUnits, indicators, cadences };
}

/** Moves generated report slots into every state, deterministically (hash of task, unit and period). */
async function distributeStates(db, currentKey, now) {
  const h = sql`(abs(hashtext(r.task_id::text || r.unit_id::text || r.period_key)) % 100)`;
  const nowIso = now.toISOString();
  // One pass over the reports (each row written once: at national size every full-table update
  // costs minutes). Past periods: mostly accepted (lead) / consolidated (co-units); some
  // submitted, returned, draft, still pending. Current period: the deadline surge is still ahead —
  // most units have a draft ready (≈ 55 %: a region has ≥ 20,000 drafts for bench/surge.mjs), some
  // submitted early, the rest not started.
  const status = sql`case when r.period_key < ${currentKey} then
        case when r.is_lead then case when ${h} < 70 then 'accepted' when ${h} < 80 then 'submitted' when ${h} < 85 then 'returned' when ${h} < 90 then 'draft' else 'pending' end
        else case when ${h} < 75 then 'consolidated' when ${h} < 80 then 'submitted' when ${h} < 85 then 'draft' else 'pending' end end
      else case when ${h} < 10 then 'submitted' when ${h} < 65 then 'draft' else 'pending' end end`;
  await db.execute(sql`update reports r set
      status = s.st,
      open = s.st in ('pending', 'draft', 'returned'),
      work_status = case when s.st = 'pending' then null else (array['not_started','in_progress','completed','lagging','difficult'])[1 + (${h} * 7 % 5)] end,
      percent = case when s.st = 'pending' then null else least(100, (${h} * 3 % 100) + 1) end,
      done = case when s.st = 'pending' then '' else '已完成阶段性工作：召开专题推进会，明确责任分工，项目前期手续办理完毕。' end,
      problems = case when s.st = 'pending' or ${h} % 4 <> 0 then '' else '资金到位较慢，用地指标紧张。' end,
      next_steps = case when s.st = 'pending' then '' else '加快项目建设进度，按月调度。' end,
      submitted_at = case when s.st in ('submitted','accepted','returned','consolidated') then (r.due_date::timestamp - interval '2 days' + (${h} % 5) * interval '1 day') else null end,
      on_time = case when s.st in ('submitted','accepted','returned','consolidated') then ${h} % 5 <> 4 else null end,
      reviewed_at = case when s.st in ('accepted','returned') then r.due_date::timestamp + interval '3 days' else null end,
      return_reason = case when s.st = 'returned' then '进展描述不具体，请补充量化数据后重新报送。' else null end,
      return_count = case when s.st = 'returned' then 1 + ${h} % 2 else 0 end,
      version = case when s.st = 'pending' then 1 else 3 end,
      updated_at = ${nowIso}::timestamptz
    from (select r.id, ${status} st from reports r) s
    where s.id = r.id`);
  // Fresh statistics first: planned while every report was still 'pending', this update ran a
  // nested loop over all reports per task on PostgreSQL (11+ minutes instead of seconds).
  await db.execute(sql`analyze reports`);
  // Indicator values on lead reports of tasks that carry indicators.
  await db.execute(sql`update reports r set indicator_values = v.vals
    from (select i.task_id, jsonb_agg(jsonb_build_object('indicatorId', i.id, 'value', round((coalesce(i.baseline, 0) + (i.target - coalesce(i.baseline, 0)) * 0.6)::numeric, 1))) vals
          from indicators i where i.task_id is not null group by i.task_id) v
    where r.task_id = v.task_id and r.is_lead and r.status <> 'pending'`);
}

async function main() {
  const o = options();
  const t0 = Date.now();
  const step = (label, since) => console.log(`  ${label}: ${((Date.now() - since) / 1000).toFixed(1)} s`);
  if (o.db === 'pglite') {
    if (existsSync(o.dir) && readdirSync(o.dir).length && !o.force)
      throw new Error(`${o.dir} 已存在且不为空：换一个 --dir，或加 --force 覆盖（会删除）。`);
    if (o.force) (await import('node:fs')).rmSync(o.dir, { recursive: true, force: true });
    mkdirSync(o.dir, { recursive: true });
  }
  console.log(
    `generating ${o.sizeName} (${JSON.stringify(o.size)}) on ${o.db}${o.db === 'pglite' ? ` in ${o.dir}` : ''}, seed ${o.seed}, now ${o.now.toISOString()}`,
  );
  const database = await openBenchDatabase({ db: o.db, dataDir: o.dir, url: o.url });
  const { db } = database;
  const deps = { database, config: configModule.loadConfig({ ...process.env, XIETONG_DATA_DIR: o.dir }) };
  const run = (fn) => context.withContext(deps, SYSTEM, fn, o.now);
  let t = Date.now();
  await migrations.migrate(db);
  step('migrate', t);

  const r = rng(o.seed);
  t = Date.now();
  const units = buildUnits(o.size, r);
  await insertBatched(db, directorySchema.units, units);
  await insertBatched(
    db,
    directorySchema.unitNames,
    units.map((u) => ({ id: uuidFrom(r), unitId: u.id, name: u.name, kind: 'full', scopeUnitId: null })),
  );
  step(`units (${units.length})`, t);

  const issuers = units.filter((u) => u.kind === 'government');
  const perPlanIndicators = Math.round(o.size.indicators / o.size.plans);
  t = Date.now();
  const planIds = [];
  for (let p = 0; p < o.size.plans; p++) {
    const issuer = issuers[p % issuers.length];
    const region = units.filter((u) => u.region === issuer.region && u.level !== 'province');
    const b = buildPlan(o.size, r, p, region.length >= 10 ? region : units, issuer, perPlanIndicators);
    await db.transaction(async (tx) => {
      await tx.insert(plansSchema.plans).values(b.plan);
      await insertBatched(tx, plansSchema.planNodes, b.nodes);
      await insertBatched(tx, plansSchema.tasks, b.tasks);
      await insertBatched(tx, plansSchema.taskUnits, b.taskUnits);
      await insertBatched(tx, plansSchema.indicators, b.indicators);
      await insertBatched(tx, plansSchema.cadences, b.cadences);
      await tx
        .update(plansSchema.plans)
        .set({ taskCount: b.tasks.length })
        .where(sql`id = ${b.plan.id}`);
    });
    planIds.push(b.plan.id);
  }
  step(`draft plans (${o.size.plans} × ${o.size.tasksPerPlan} tasks)`, t);

  t = Date.now();
  for (const id of planIds) await run((ctx) => plansCommands.publishPlan(ctx, id));
  step('publish (publishPlan: assignments, cycle, current slots, lights)', t);

  t = Date.now();
  const today = periods.localDate(o.now);
  const current = periods.periodOf('monthly', today);
  for (const id of planIds) {
    await run(async (ctx) => {
      const [cycle] = await ctx.tx
        .select()
        .from(reportingSchema.reportCycles)
        .where(sql`plan_id = ${id} and unit_reports`);
      let p = current;
      for (let i = 1; i < o.size.periods; i++) {
        p = periods.previousPeriod('monthly', p);
        await slots.openPeriod(ctx, cycle, p);
      }
    });
  }
  step(`earlier periods (openPeriod × ${o.size.periods - 1})`, t);

  t = Date.now();
  await distributeStates(db, current.key, o.now);
  step('report states (set-based)', t);

  t = Date.now();
  await recount(db, { write: true });
  for (const id of planIds) await reportingRepo.refreshPlanProgress(db, id);
  step('maintained counts and task states rebuilt', t);

  t = Date.now();
  for (const id of planIds) await run((ctx) => lights.recomputeAllLights(ctx, id));
  step('lights (recomputeAllLights)', t);

  t = Date.now();
  const accounts = await createAccounts(run, db, units, o.size.reporters);
  step(`accounts (${accounts.length}, createUser)`, t);

  const mismatches = await recount(db);
  if (mismatches.length)
    throw new Error(
      `maintained counts differ from a recount after loading: ${JSON.stringify(mismatches.slice(0, 5))}`,
    );
  // Fingerprint of the generated (seeded) content: equal seeds give equal fingerprints.
  const fp = await fingerprint(db);
  t = Date.now();
  await db.execute(sql`analyze`);
  step('analyze', t);
  const counts = await countsOf(db);
  const total = (Date.now() - t0) / 1000;
  console.log(`loaded ${JSON.stringify(counts)} in ${total.toFixed(1)} s`);
  const manifest = {
    fingerprint: fp,
    size: o.sizeName,
    db: o.db,
    seed: o.seed,
    now: o.now.toISOString(),
    counts,
    loadSeconds: total,
    password: BENCH_PASSWORD,
    accounts,
    planIds,
    generatedAt: new Date().toISOString(),
  };
  mkdirSync(o.dir, { recursive: true });
  writeFileSync(`${o.dir}/manifest.json`, JSON.stringify(manifest, null, 2));
  await database.close();
  console.log(`manifest: ${o.dir}/manifest.json`);
}

const client_rows = (db, q) => client.rows(db, q);

/** md5 over the seeded content (units, tasks, assignments, report states): equal seeds, equal fingerprints. */
export async function fingerprint(db) {
  const [fp] = await client_rows(
    db,
    sql`select md5(string_agg(x, '|' order by x)) f from (
      select id::text || name as x from units union all select id::text || text || coalesce(deadline_date::text, '') from tasks
      union all select task_id::text || unit_id::text || role from task_units
      union all select task_id::text || unit_id::text || period_key || status || coalesce(percent::text, '') from reports) s`,
  );
  return fp.f;
}

/** The headline counts of a generated database (manifest.json `counts`). */
export async function countsOf(db) {
  const [counts] = await client_rows(
    db,
    sql`select (select count(*)::int from units) units, (select count(*)::int from tasks) tasks,
      (select count(*)::int from task_units) assignments, (select count(*)::int from reports) reports, (select count(*)::int from indicators) indicators,
      (select count(*)::int from audit_events) audit_events`,
  );
  return counts;
}

/** A coordinator, a leader, and reporters of the units with the most open report slots. */
async function createAccounts(run, db, units, reporters) {
  const top = await client_rows(
    db,
    sql`select unit_id, count(*)::int n from reports where open and status = 'draft' group by unit_id order by n desc, unit_id limit ${reporters}`,
  );
  const province = units.find((u) => u.level === 'province');
  const accounts = [];
  await run(async (ctx) => {
    const add = async (username, roles, unitId) => {
      await accessCommands.createUser(ctx, {
        username,
        name: username,
        password: BENCH_PASSWORD,
        roles,
        unitId,
      });
      accounts.push({ username, roles, unitId });
    };
    await add('bench-coordinator', ['coordinator'], province.id);
    await add('bench-leader', ['leader'], province.id);
    for (let i = 0; i < top.length; i++) await add(`bench-reporter-${i}`, ['reporter'], top[i].unit_id);
  });
  return accounts;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
