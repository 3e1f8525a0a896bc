import { and, eq, inArray, sql } from 'drizzle-orm';
import { DomainError, notFound } from '../../errors.js';
import type { Ctx } from '../../http/context.js';
import { unitGroupMembers, units } from '../directory/schema.js';
import { findUnit } from '../directory/repository.js';
import { plans, taskUnits, tasks } from './schema.js';
import {
  findPlan,
  findTask,
  refreshPlanCounts,
  unitsOfTasks,
  type PlanRow,
  type TaskRow,
} from './repository.js';

export type UnitRole = 'lead' | 'responsible' | 'cooperating';

async function draftPlan(ctx: Ctx, planId: string): Promise<PlanRow> {
  const plan = await findPlan(ctx.tx, planId);
  if (!plan) throw notFound('plan.not_found', '规划');
  if (plan.status !== 'draft')
    throw new DomainError(
      'plan.not_draft',
      `「${plan.title}」已发布，不能直接修改。请重新导入修订后的文件，核对变化后再应用。`,
    );
  return plan;
}

function checkVersion(current: number, expected: number | undefined, what: string) {
  if (expected !== undefined && expected !== current) {
    throw new DomainError(
      'conflict.stale',
      `${what}已被他人修改（您看到的是旧版本）。请刷新后在最新内容上重新修改，您填写的内容请先复制保存。`,
      { currentVersion: current },
    );
  }
}

/** Edits a draft plan's metadata and its link to the plan it implements. */
export async function updatePlan(
  ctx: Ctx,
  planId: string,
  input: {
    version?: number;
    title?: string;
    kind?: string;
    issuerUnitId?: string | null;
    upstreamPlanId?: string | null;
    year?: number | null;
  },
): Promise<PlanRow> {
  const before = await findPlan(ctx.tx, planId);
  if (!before) throw notFound('plan.not_found', '规划');
  checkVersion(before.version, input.version, '该规划');
  const onlyLink = Object.keys(input).every((k) => k === 'version' || k === 'upstreamPlanId');
  if (before.status !== 'draft' && !onlyLink) await draftPlan(ctx, planId);
  if (input.upstreamPlanId) {
    // Walk up from the new parent: reaching this plan would make a cycle.
    let cursor: string | null = input.upstreamPlanId;
    for (let depth = 0; cursor && depth < 50; depth++) {
      if (cursor === planId)
        throw new DomainError(
          'plan.link_cycle',
          '不能把规划关联到它自己的下级规划上，请选择它所落实的上级规划。',
        );
      const up = await findPlan(ctx.tx, cursor);
      if (!up) throw notFound('plan.not_found', '上级规划');
      cursor = up.upstreamPlanId;
    }
  }
  if (input.issuerUnitId && !(await findUnit(ctx.tx, input.issuerUnitId)))
    throw notFound('unit.not_found', '发文单位');
  const { version: _v, ...changes } = input;
  const [after] = await ctx.tx
    .update(plans)
    .set({ ...changes, version: before.version + 1 })
    .where(eq(plans.id, planId))
    .returning();
  await ctx.audit({
    action: 'plan.update',
    entityType: 'plan',
    entityId: planId,
    before: pick(before, changes),
    after: changes,
  });
  return after!;
}

function pick(row: Record<string, unknown>, keys: object) {
  return Object.fromEntries(Object.keys(keys).map((k) => [k, row[k]]));
}

export interface TaskUnitInput {
  unitId: string;
  role: UnitRole;
}

async function setTaskUnits(ctx: Ctx, task: TaskRow, list: TaskUnitInput[]) {
  const ids = [...new Set(list.map((u) => u.unitId))];
  if (ids.length !== list.length)
    throw new DomainError('validation.failed', '同一单位在一项任务中只能出现一次，请删除重复的单位。');
  if (ids.length) {
    const found = await ctx.tx.select({ id: units.id }).from(units).where(inArray(units.id, ids));
    if (found.length !== ids.length) throw notFound('unit.not_found', '单位');
  }
  const printed = new Map(
    (await unitsOfTasks(ctx.tx, [task.id])).get(task.id)?.map((u) => [u.unitId, u.printedName]) ?? [],
  );
  await ctx.tx.delete(taskUnits).where(eq(taskUnits.taskId, task.id));
  if (list.length) {
    await ctx.tx
      .insert(taskUnits)
      .values(
        list.map((u, ord) => ({
          taskId: task.id,
          unitId: u.unitId,
          planId: task.planId,
          role: u.role,
          ord,
          printedName: printed.get(u.unitId) ?? null,
        })),
      );
  }
}

export interface UpdateTaskInput {
  version?: number;
  text?: string;
  deadlineText?: string | null;
  deadlineDate?: string | null;
  weight?: number | null;
  upstreamTaskId?: string | null;
  units?: TaskUnitInput[];
}

/** Edits a task of a draft plan: text, deadline, weight, units and roles, upstream task. */
export async function updateTask(ctx: Ctx, taskId: string, input: UpdateTaskInput): Promise<TaskRow> {
  const before = await findTask(ctx.tx, taskId);
  if (!before) throw notFound('task.not_found', '任务');
  checkVersion(before.version, input.version, '该任务');
  const onlyLink = Object.keys(input).every((k) => k === 'version' || k === 'upstreamTaskId');
  if (!onlyLink) await draftPlan(ctx, before.planId);
  if (input.upstreamTaskId) {
    const up = await findTask(ctx.tx, input.upstreamTaskId);
    if (!up) throw notFound('task.not_found', '上级任务');
    const plan = await findPlan(ctx.tx, before.planId);
    if (up.planId === before.planId || (plan?.upstreamPlanId && up.planId !== plan.upstreamPlanId)) {
      throw new DomainError(
        'plan.link_cycle',
        '上级任务必须属于本规划所落实的上级规划。请先关联上级规划，再选择其中的任务。',
      );
    }
  }
  const beforeUnits = (await unitsOfTasks(ctx.tx, [taskId])).get(taskId) ?? [];
  const { version: _v, units: unitList, ...fields } = input;
  if (unitList) await setTaskUnits(ctx, before, unitList);
  const [after] = await ctx.tx
    .update(tasks)
    .set({ ...fields, version: before.version + 1 })
    .where(eq(tasks.id, taskId))
    .returning();
  await ctx.audit({
    action: 'task.update',
    entityType: 'task',
    entityId: taskId,
    before: {
      ...pick(before, fields),
      ...(unitList ? { units: beforeUnits.map((u) => ({ unitId: u.unitId, role: u.role })) } : {}),
    },
    after: { ...fields, ...(unitList ? { units: unitList } : {}) },
  });
  return after!;
}

async function shiftOrd(ctx: Ctx, planId: string, afterOrd: number, by: number) {
  await ctx.tx
    .update(tasks)
    .set({ ord: sql`${tasks.ord} + ${by}` })
    .where(and(eq(tasks.planId, planId), sql`${tasks.ord} > ${afterOrd}`));
}

/** Splits a draft task into several: each part keeps the units, deadline and place in the outline. */
export async function splitTask(ctx: Ctx, taskId: string, parts: string[]): Promise<TaskRow[]> {
  const task = await findTask(ctx.tx, taskId);
  if (!task) throw notFound('task.not_found', '任务');
  await draftPlan(ctx, task.planId);
  const clean = parts.map((p) => p.trim()).filter(Boolean);
  if (clean.length < 2)
    throw new DomainError('task.split_invalid', '拆分至少需要两段非空的任务内容，请检查后重试。');
  const unitList = ((await unitsOfTasks(ctx.tx, [taskId])).get(taskId) ?? []).map((u) => ({
    unitId: u.unitId,
    role: u.role as UnitRole,
    printedName: u.printedName,
  }));
  await shiftOrd(ctx, task.planId, task.ord, clean.length - 1);
  await ctx.tx
    .update(tasks)
    .set({ text: clean[0]!, version: task.version + 1 })
    .where(eq(tasks.id, taskId));
  const created: TaskRow[] = [];
  for (let i = 1; i < clean.length; i++) {
    const [t] = await ctx.tx
      .insert(tasks)
      .values({
        planId: task.planId,
        nodeId: task.nodeId,
        path: task.path,
        ord: task.ord + i,
        text: clean[i]!,
        deadlineText: task.deadlineText,
        deadlineDate: task.deadlineDate,
        weight: task.weight,
        status: 'draft',
        createdAt: ctx.now,
      })
      .returning();
    if (unitList.length)
      await ctx.tx
        .insert(taskUnits)
        .values(unitList.map((u, ord) => ({ ...u, taskId: t!.id, planId: task.planId, ord })));
    created.push(t!);
  }
  await refreshPlanCounts(ctx.tx, task.planId);
  await ctx.audit({
    action: 'task.split',
    entityType: 'task',
    entityId: taskId,
    before: { text: task.text },
    after: { parts: clean, created: created.map((t) => t.id) },
  });
  return [(await findTask(ctx.tx, taskId))!, ...created];
}

/** Merges draft tasks into the first one: texts joined, units united (the strongest role wins). */
export async function mergeTasks(ctx: Ctx, planId: string, taskIds: string[]): Promise<TaskRow> {
  await draftPlan(ctx, planId);
  const ids = [...new Set(taskIds)];
  const rows = await ctx.tx
    .select()
    .from(tasks)
    .where(and(eq(tasks.planId, planId), inArray(tasks.id, ids)));
  if (ids.length < 2 || rows.length !== ids.length)
    throw new DomainError('task.merge_invalid', '合并需要同一规划中的至少两项任务，请重新选择。');
  rows.sort((a, b) => a.ord - b.ord);
  const [first, ...rest] = rows as [TaskRow, ...TaskRow[]];
  const unitMap = await unitsOfTasks(ctx.tx, ids);
  const rank: Record<string, number> = { lead: 0, responsible: 1, cooperating: 2 };
  const merged = new Map<string, { unitId: string; role: UnitRole; printedName: string | null }>();
  for (const t of rows) {
    for (const u of unitMap.get(t.id) ?? []) {
      const prev = merged.get(u.unitId);
      if (!prev || rank[u.role]! < rank[prev.role]!)
        merged.set(u.unitId, { unitId: u.unitId, role: u.role as UnitRole, printedName: u.printedName });
    }
  }
  const text = rows.map((t) => t.text).join('');
  const deadlines = rows
    .map((t) => t.deadlineDate)
    .filter((d): d is string => !!d)
    .sort();
  await ctx.tx.delete(taskUnits).where(inArray(taskUnits.taskId, ids));
  await ctx.tx.delete(tasks).where(
    inArray(
      tasks.id,
      rest.map((t) => t.id),
    ),
  );
  await ctx.tx
    .update(tasks)
    .set({
      text,
      deadlineDate: deadlines[deadlines.length - 1] ?? first.deadlineDate,
      version: first.version + 1,
    })
    .where(eq(tasks.id, first.id));
  const list = [...merged.values()];
  if (list.length)
    await ctx.tx.insert(taskUnits).values(list.map((u, ord) => ({ ...u, taskId: first.id, planId, ord })));
  await refreshPlanCounts(ctx.tx, planId);
  await ctx.audit({
    action: 'task.merge',
    entityType: 'task',
    entityId: first.id,
    before: { tasks: rows.map((t) => ({ id: t.id, text: t.text })) },
    after: { text, units: list },
  });
  return (await findTask(ctx.tx, first.id))!;
}

/** Adds a task to a draft plan (for what the parser missed). */
export async function addTask(
  ctx: Ctx,
  planId: string,
  input: { text: string; path: string; deadlineDate?: string | null; units: TaskUnitInput[] },
) {
  await draftPlan(ctx, planId);
  const [{ maxOrd }] = (await ctx.tx
    .select({ maxOrd: sql<number>`coalesce(max(${tasks.ord}), -1)::int` })
    .from(tasks)
    .where(eq(tasks.planId, planId))) as [{ maxOrd: number }];
  const [task] = await ctx.tx
    .insert(tasks)
    .values({
      planId,
      path: input.path,
      ord: maxOrd + 1,
      text: input.text,
      deadlineDate: input.deadlineDate ?? null,
      status: 'draft',
      createdAt: ctx.now,
    })
    .returning();
  await setTaskUnits(ctx, task!, input.units);
  await refreshPlanCounts(ctx.tx, planId);
  await ctx.audit({ action: 'task.create', entityType: 'task', entityId: task!.id, after: input });
  return task!;
}

/** Deletes a draft plan with everything imported with it. */
export async function deleteDraft(ctx: Ctx, planId: string) {
  const plan = await draftPlan(ctx, planId);
  await ctx.tx.execute(sql`delete from task_units where plan_id = ${planId}`);
  for (const table of ['tasks', 'plan_nodes', 'indicators', 'projects', 'phases', 'cadences']) {
    await ctx.tx.execute(sql`delete from ${sql.identifier(table)} where plan_id = ${planId}`);
  }
  // Proposed units this import created and nothing else uses.
  await ctx.tx
    .execute(sql`delete from unit_names where unit_id in (select id from units u where u.status = 'proposed' and u.proposed_by_plan_id = ${planId}
      and not exists (select 1 from task_units tu where tu.unit_id = u.id))`);
  await ctx.tx
    .execute(sql`delete from units u where u.status = 'proposed' and u.proposed_by_plan_id = ${planId}
      and not exists (select 1 from task_units tu where tu.unit_id = u.id)`);
  await ctx.tx.delete(plans).where(eq(plans.id, planId));
  await ctx.audit({
    action: 'plan.delete',
    entityType: 'plan',
    entityId: planId,
    before: { title: plan.title, status: plan.status },
  });
}

export interface PublishProblem {
  taskId: string;
  path: string;
  text: string;
  problem: 'no_units' | 'proposed_unit' | 'empty_group';
  unitName?: string;
}

/** What stands in the way of publishing: tasks without units, units still proposed, empty groups. */
export async function publishProblems(ctx: Ctx, planId: string): Promise<PublishProblem[]> {
  const list = await ctx.tx.select().from(tasks).where(eq(tasks.planId, planId));
  const unitMap = await unitsOfTasks(
    ctx.tx,
    list.map((t) => t.id),
  );
  const groupIds = [
    ...new Set(
      [...unitMap.values()]
        .flat()
        .filter((u) => u.isGroup)
        .map((u) => u.unitId),
    ),
  ];
  const withMembers = new Set(
    groupIds.length
      ? (
          await ctx.tx
            .select({ g: unitGroupMembers.groupId })
            .from(unitGroupMembers)
            .where(inArray(unitGroupMembers.groupId, groupIds))
        ).map((r) => r.g)
      : [],
  );
  const problems: PublishProblem[] = [];
  for (const t of list.sort((a, b) => a.ord - b.ord)) {
    const us = unitMap.get(t.id) ?? [];
    const base = { taskId: t.id, path: t.path, text: t.text.slice(0, 60) };
    if (!us.length) problems.push({ ...base, problem: 'no_units' });
    for (const u of us) {
      if (u.unitStatus === 'proposed')
        problems.push({ ...base, problem: 'proposed_unit', unitName: u.unitName });
      else if (u.isGroup && !withMembers.has(u.unitId))
        problems.push({ ...base, problem: 'empty_group', unitName: u.unitName });
    }
  }
  return problems;
}

/**
 * Publishes a draft plan: every task is assigned (交办) to its units — collective groups to each of
 * their members — the per-unit open-task counts are updated, and modules that react to a
 * publication (reporting opens its cycles) run in the same transaction.
 */
export async function publishPlan(ctx: Ctx, planId: string, expectedVersion?: number): Promise<PlanRow> {
  const plan = await draftPlan(ctx, planId);
  checkVersion(plan.version, expectedVersion, '该规划');
  const problems = await publishProblems(ctx, planId);
  if (problems.some((p) => p.problem === 'proposed_unit')) {
    const names = [...new Set(problems.filter((p) => p.problem === 'proposed_unit').map((p) => p.unitName))];
    throw new DomainError(
      'plan.unresolved_units',
      `还有 ${names.length} 个单位名称未确认：${names.slice(0, 5).join('、')}${names.length > 5 ? '等' : ''}。请在“待确认单位”中确认为新单位或对应到已有单位后再发布。`,
      { problems },
    );
  }
  if (problems.length) {
    throw new DomainError(
      'plan.unassigned_tasks',
      `还有 ${new Set(problems.map((p) => p.taskId)).size} 项任务没有责任单位（或责任单位是没有成员的集合单位）。请为这些任务指定单位后再发布。`,
      { problems },
    );
  }
  // Collective groups → their members, with the group's role (a member already named keeps its own role).
  await ctx.tx.execute(sql`
    insert into task_units (task_id, unit_id, plan_id, role, ord, printed_name, assignment, plan_status)
    select tu.task_id, m.member_id, tu.plan_id, tu.role, tu.ord * 100 + row_number() over (partition by tu.task_id, tu.unit_id order by m.member_id), tu.printed_name, 'none', 'draft'
    from task_units tu
    join units g on g.id = tu.unit_id and g.is_group
    join unit_group_members m on m.group_id = g.id
    where tu.plan_id = ${planId}
    on conflict (task_id, unit_id) do nothing`);
  await ctx.tx.execute(
    sql`delete from task_units tu using units g where tu.plan_id = ${planId} and g.id = tu.unit_id and g.is_group`,
  );
  await ctx.tx
    .update(taskUnits)
    .set({ assignment: 'assigned', assignedAt: ctx.now, planStatus: 'published' })
    .where(eq(taskUnits.planId, planId));
  await ctx.tx
    .update(tasks)
    .set({ status: 'assigned' })
    .where(and(eq(tasks.planId, planId), eq(tasks.status, 'draft')));
  await ctx.tx.execute(sql`update units u set open_tasks = u.open_tasks + c.n
    from (select unit_id, count(*)::int n from task_units where plan_id = ${planId} group by unit_id) c where c.unit_id = u.id`);
  const [after] = await ctx.tx
    .update(plans)
    .set({ status: 'published', publishedAt: ctx.now, version: plan.version + 1 })
    .where(eq(plans.id, planId))
    .returning();
  await refreshPlanCounts(ctx.tx, planId);
  const assignments = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(taskUnits)
    .where(eq(taskUnits.planId, planId));
  await ctx.audit({
    action: 'plan.publish',
    entityType: 'plan',
    entityId: planId,
    before: { status: 'draft' },
    after: { status: 'published', tasks: after!.taskCount, assignments: assignments[0]?.n ?? 0 },
  });
  // Loaded lazily: the registry imports every module's routes, which import these commands.
  const { modules } = await import('../registry.js');
  for (const m of modules) if (m.onPlanPublished) await m.onPlanPublished(ctx, planId);
  return (await findPlan(ctx.tx, planId))!;
}
