import { eq, inArray, sql } from 'drizzle-orm';
import type { Role } from '@xietong/shared';
import type { Ctx } from '../../http/context.js';
import { createUser } from '../access/commands.js';
import { sessions, users } from '../access/schema.js';
import { loadDirectory } from '../directory/commands.js';
import { units } from '../directory/schema.js';
import { importPlan, parseSource } from '../plans/import.js';
import { publishPlan } from '../plans/commands.js';
import { planFiles, plans } from '../plans/schema.js';
import { DEMO_PLAN_FILENAME, DEMO_PLAN_TEXT } from './demo-plan.js';

/** The demo's shared password (printed at start-up and listed in the README). */
export const DEMO_PASSWORD = 'Xietong#2026';

export const DEMO_ACCOUNTS: { username: string; name: string; roles: Role[]; unit: string }[] = [
  { username: 'admin', name: '系统管理员（演示）', roles: ['admin'], unit: '武汉市人民政府办公厅' },
  {
    username: 'coordinator',
    name: '督查室统筹员（演示）',
    roles: ['coordinator'],
    unit: '武汉市人民政府督查室',
  },
  { username: 'reporter', name: '交通局联络员（演示）', roles: ['reporter'], unit: '武汉市交通运输局' },
  { username: 'unitleader', name: '交通局负责人（演示）', roles: ['unit_leader'], unit: '武汉市交通运输局' },
  {
    username: 'reporter2',
    name: '规划局联络员（演示）',
    roles: ['reporter'],
    unit: '武汉市自然资源和规划局',
  },
  { username: 'leader', name: '分管副市长（演示）', roles: ['leader'], unit: '武汉市人民政府' },
  { username: 'evaluator', name: '政协委员（演示）', roles: ['evaluator'], unit: '政协武汉市委员会' },
];

export interface DemoWorkspace {
  planId: string;
  accounts: { username: string; userId: string; roles: Role[]; unitId: string | null }[];
}

/** Title of the demo plan as the parser reads it: how `removeDemo` finds it again. */
const DEMO_TITLE_MARK = '（演示）';

/**
 * Loads the demo workspace: the unit directory, the demo plan imported through the parser and
 * published, one account per role, then whatever other modules add (reporting cycles, reports).
 */
export async function loadDemo(ctx: Ctx): Promise<DemoWorkspace> {
  await loadDirectory(ctx);
  const bytes = Buffer.from(DEMO_PLAN_TEXT, 'utf8');
  const source = { filename: DEMO_PLAN_FILENAME, mime: 'text/plain', bytes };
  const parsed = await parseSource(source);
  const plan = await importPlan(ctx, { source, parsed, kind: 'work' });
  await publishPlan(ctx, plan.id);
  const accounts: DemoWorkspace['accounts'] = [];
  for (const a of DEMO_ACCOUNTS) {
    const [unit] = await ctx.tx.select({ id: units.id }).from(units).where(eq(units.name, a.unit));
    const user = await createUser(ctx, {
      username: a.username,
      name: a.name,
      password: DEMO_PASSWORD,
      roles: a.roles,
      unitId: unit?.id ?? null,
    });
    accounts.push({ username: user.username, userId: user.id, roles: a.roles, unitId: user.unitId });
  }
  const demo = { planId: plan.id, accounts };
  const { modules } = await import('../registry.js');
  for (const m of modules) if (m.onDemo) await m.onDemo(ctx, demo);
  await ctx.audit({
    action: 'demo.load',
    entityType: 'plan',
    entityId: plan.id,
    after: { accounts: accounts.map((a) => a.username) },
  });
  return demo;
}

/** Removes the demo plan (and what other modules hung on it) and the demo accounts; keeps the directory. */
export async function removeDemo(ctx: Ctx): Promise<{ plans: number; accounts: number }> {
  const demoPlans = await ctx.tx
    .select()
    .from(plans)
    .where(sql`${plans.title} like ${`%${DEMO_TITLE_MARK}%`}`);
  const { modules } = await import('../registry.js');
  for (const p of demoPlans) {
    for (const m of modules) if (m.onPlanPurged) await m.onPlanPurged(ctx, p.id);
    await ctx.tx.execute(sql`update units u set open_tasks = greatest(0, u.open_tasks - c.n)
      from (select unit_id, count(*)::int n from task_units where plan_id = ${p.id} and plan_status = 'published' group by unit_id) c where c.unit_id = u.id`);
    for (const table of [
      'task_units',
      'tasks',
      'plan_nodes',
      'indicators',
      'projects',
      'phases',
      'cadences',
    ]) {
      await ctx.tx.execute(sql`delete from ${sql.identifier(table)} where plan_id = ${p.id}`);
    }
    await ctx.tx.delete(plans).where(eq(plans.id, p.id));
    if (p.sourceFileId) await ctx.tx.delete(planFiles).where(eq(planFiles.id, p.sourceFileId));
  }
  const demoUsers = await ctx.tx
    .select({ id: users.id })
    .from(users)
    .where(
      inArray(
        users.username,
        DEMO_ACCOUNTS.map((a) => a.username),
      ),
    );
  const ids = demoUsers.map((u) => u.id);
  if (ids.length) {
    await ctx.tx.delete(sessions).where(inArray(sessions.userId, ids));
    await ctx.tx.delete(users).where(inArray(users.id, ids));
  }
  await ctx.audit({
    action: 'demo.remove',
    entityType: 'demo',
    entityId: 'demo',
    before: { plans: demoPlans.map((p) => p.id), accounts: ids.length },
  });
  return { plans: demoPlans.length, accounts: ids.length };
}

/** The console text that lists the demo accounts. */
export function demoAccountsText(): string {
  const lines = DEMO_ACCOUNTS.map(
    (a) => `  ${a.username.padEnd(12)} ${DEMO_PASSWORD}   ${a.name}，${a.unit}`,
  );
  return ['演示账号（用户名 密码 身份）：', ...lines, '移除演示数据：npx xietong demo --remove'].join('\n');
}
