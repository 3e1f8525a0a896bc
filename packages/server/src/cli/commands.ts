import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { and, count, eq } from 'drizzle-orm';
import { ROLES, type Role } from '@xietong/shared';
import type { Config } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import { migrate, MigrationMismatchError } from '../db/migrate.js';
import { buildApp } from '../http/app.js';
import { withContext } from '../http/context.js';
import { users } from '../modules/access/schema.js';
import { createUser } from '../modules/access/commands.js';
import { unitNames, units } from '../modules/directory/schema.js';
import { loadDirectory } from '../modules/directory/commands.js';
import { demoAccountsText, loadDemo, removeDemo } from '../modules/demo/demo.js';
import { importPlan, parseSource } from '../modules/plans/import.js';
import { findRevisedPlan } from '../modules/plans/revision.js';
import { backupDatabase, BackupError, restoreDatabase } from '../db/backup.js';
import { verifyAuditChain } from '../modules/audit/verify.js';
import { DomainError } from '../errors.js';
import type { Actor } from '../policy.js';
import { runSupervisionSweep, startSupervisionSchedule } from '../modules/supervision/schedule.js';

export const CLI_ACTOR: Actor = { kind: 'system', name: '命令行' };

const HELP = `协同 Xietong 命令行

用法：xietong <命令> [选项]

  serve                     启动服务（默认端口 3000，数据目录 ./data）
  migrate                   只执行数据库迁移
  demo [--remove]           载入（或移除）演示工作区
  import FILE --plan-kind K 导入规划文件为草稿（K：plan / implementation / division / work）
  user add --username U --name N --role R [--role R2] [--unit 单位全称] [--password P]
                            新建账号（不给密码则生成随机密码并打印）
  backup FILE               备份数据库到文件
  restore FILE              从备份文件恢复（会覆盖当前数据）
  audit verify              校验审计链是否完整、未被篡改
  supervise                 开启到期的填报期并重新亮灯（服务运行时每小时自动执行，也可由定时任务调用）
  parse FILE… [--json]      解析规划文件（不写数据库）

环境变量：PORT、XIETONG_DATA_DIR、DATABASE_URL、XIETONG_DEMO=0（启动时不载入演示数据）`;

/** Opens and migrates the configured database, explaining a stale development schema. */
export async function openMigrated(config: Config): Promise<Database> {
  const database = await openDatabase(config);
  try {
    const applied = await migrate(database.db);
    if (applied) console.log(`已应用 ${applied} 个数据库迁移。`);
  } catch (err) {
    await database.close();
    if (err instanceof MigrationMismatchError) throw new Error(err.message);
    throw err;
  }
  return database;
}

/** Runs one CLI command; returns the exit code, or null to keep running (serve). */
export async function runCli(command: string, args: string[], config: Config): Promise<number | null> {
  switch (command) {
    case 'serve':
      await serve(config);
      return null;
    case 'migrate': {
      const database = await openMigrated(config);
      await database.close();
      console.log('数据库结构已是最新。');
      return 0;
    }
    case 'user':
      return userCommand(args, config);
    case 'supervise':
      return superviseCommand(config);
    case 'audit':
      return auditCommand(args, config);
    case 'demo':
      return demoCommand(args, config);
    case 'import':
      return importCommand(args, config);
    case 'backup':
      return backupCommand(args, config);
    case 'restore':
      return restoreCommand(args, config);
    case 'parse': {
      const { runParseCli } = await import('@xietong/parser/cli');
      return runParseCli(args);
    }
    case 'help':
    case '--help':
    case '-h':
      console.log(HELP);
      return 0;
    default: {
      console.error(`未知命令「${command}」。\n\n${HELP}`);
      return 2;
    }
  }
}

async function serve(config: Config): Promise<void> {
  const database = await openMigrated(config);
  const [{ n }] = (await database.db.select({ n: count() }).from(users)) as [{ n: number }];
  if (Number(n) === 0) {
    if (config.demo) {
      await withContext({ database, config }, CLI_ACTOR, (ctx) => loadDemo(ctx));
      console.log(`已载入演示工作区（单位目录、已发布的演示规划、各角色账号）。\n${demoAccountsText()}`);
    } else {
      await withContext({ database, config }, CLI_ACTOR, (ctx) => loadDirectory(ctx));
      console.log(
        [
          '数据库里还没有任何账号。创建第一个管理员：',
          '  npx xietong user add --username admin --name 系统管理员 --role admin',
          '（不给 --password 会生成随机密码并打印。）',
        ].join('\n'),
      );
    }
  }
  const app = await buildApp({ db: database, config, logger: true });
  const stopSupervision = startSupervisionSchedule({ database, config });
  const stop = async () => {
    stopSupervision();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await app.listen({ port: config.port, host: config.host });
  console.log(
    `协同已启动：http://localhost:${config.port}/ （数据库：${database.kind === 'pglite' ? `内置 PGlite，${config.dataDir}` : 'PostgreSQL'}）`,
  );
}

async function userCommand(args: string[], config: Config): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'add') {
    console.error('用法：xietong user add --username U --name N --role R [--unit 单位全称] [--password P]');
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      unit: { type: 'string' },
      password: { type: 'string' },
    },
  });
  const roles = (values.role ?? []) as Role[];
  const bad = roles.filter((r) => !ROLES.includes(r));
  if (!values.username || !roles.length || bad.length) {
    console.error(
      `需要 --username 和至少一个 --role（可选：${ROLES.join('、')}）${bad.length ? `；无效角色：${bad.join('、')}` : ''}`,
    );
    return 2;
  }
  const password = values.password ?? randomBytes(9).toString('base64url');
  const database = await openMigrated(config);
  try {
    let unitId: string | null = null;
    if (values.unit) {
      const [u] = await database.db
        .select({ id: unitNames.unitId })
        .from(unitNames)
        .where(eq(unitNames.name, values.unit));
      if (!u) {
        console.error(`单位目录中没有「${values.unit}」，请使用单位全称。`);
        return 1;
      }
      unitId = u.id;
    }
    const user = await withContext({ database, config }, CLI_ACTOR, (ctx) =>
      createUser(ctx, {
        username: values.username!,
        name: values.name ?? values.username!,
        password,
        roles,
        unitId,
      }),
    );
    console.log(
      `已创建账号 ${user.username}（${roles.join('、')}）。${values.password ? '' : `密码：${password}`}`,
    );
    return 0;
  } catch (err) {
    if (err instanceof DomainError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    await database.close();
  }
}

async function superviseCommand(config: Config): Promise<number> {
  const database = await openMigrated(config);
  try {
    const r = await withContext({ database, config }, CLI_ACTOR, (ctx) => runSupervisionSweep(ctx));
    console.log(
      `已开启 ${r.openedSlots} 个填报任务，重新计算 ${r.tasks} 项任务的亮灯（${r.changed} 项有变化）。`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

async function auditCommand(args: string[], config: Config): Promise<number> {
  if (args[0] !== 'verify') {
    console.error('用法：xietong audit verify');
    return 2;
  }
  const database = await openMigrated(config);
  try {
    const result = await verifyAuditChain(database.db);
    if (result.ok) {
      console.log(`审计链完整：共 ${result.events} 条事件，未发现改动或删除。`);
      return 0;
    }
    console.error(`审计链校验失败（共 ${result.events} 条事件）：`);
    for (const p of result.problems) console.error(`  - ${p.message}`);
    return 1;
  } finally {
    await database.close();
  }
}

async function demoCommand(args: string[], config: Config): Promise<number> {
  const remove = args.includes('--remove');
  const database = await openMigrated(config);
  try {
    if (remove) {
      const r = await withContext({ database, config }, CLI_ACTOR, (ctx) => removeDemo(ctx));
      console.log(`已移除演示数据：${r.plans} 个演示规划、${r.accounts} 个演示账号（单位目录保留）。`);
      return 0;
    }
    const [{ n }] = (await database.db
      .select({ n: count() })
      .from(users)
      .where(eq(users.username, 'coordinator'))) as [{ n: number }];
    if (Number(n) > 0) {
      console.error(
        '演示工作区似乎已经载入（存在 coordinator 账号）。如需重新载入，请先运行 xietong demo --remove。',
      );
      return 1;
    }
    await withContext({ database, config }, CLI_ACTOR, (ctx) => loadDemo(ctx));
    console.log(`已载入演示工作区。\n${demoAccountsText()}`);
    return 0;
  } finally {
    await database.close();
  }
}

const PLAN_KINDS = ['plan', 'implementation', 'division', 'work', 'other'] as const;

async function importCommand(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'plan-kind': { type: 'string' } },
  });
  const file = positionals[0];
  const kind = values['plan-kind'] as (typeof PLAN_KINDS)[number] | undefined;
  if (!file || (kind && !PLAN_KINDS.includes(kind))) {
    console.error(`用法：xietong import 文件 [--plan-kind ${PLAN_KINDS.join('|')}]`);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    console.error(`无法读取文件「${file}」，请检查路径。`);
    return 1;
  }
  const database = await openMigrated(config);
  try {
    const plan = await withContext({ database, config }, CLI_ACTOR, async (ctx) => {
      await loadDirectory(ctx);
      const source = { filename: basename(file), mime: 'application/octet-stream', bytes };
      const parsed = await parseSource(source);
      const revisesPlanId = await findRevisedPlan(ctx.tx, parsed.docNumber, parsed.title);
      return importPlan(ctx, { source, parsed, kind, revisesPlanId });
    });
    const review = plan.review as { warnings?: unknown[] };
    const proposed = await database.db
      .select({ name: units.name })
      .from(units)
      .where(and(eq(units.status, 'proposed'), eq(units.proposedByPlanId, plan.id)));
    console.log(
      `已导入为草稿：${plan.title}（编号 ${plan.id}）\n  任务 ${plan.taskCount} 项，解析提示 ${review.warnings?.length ?? 0} 条。请在网页端“导入审核”中核对后发布。`,
    );
    if (proposed.length)
      console.log(`  待确认单位 ${proposed.length} 个：${proposed.map((p) => p.name).join('、')}`);
    if (plan.revisesPlanId) console.log('  这是对已发布规划的修订：应用前请在网页端查看变化对比。');
    return 0;
  } catch (err) {
    if (err instanceof DomainError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    await database.close();
  }
}

async function backupCommand(args: string[], config: Config): Promise<number> {
  const file = args[0];
  if (!file) {
    console.error('用法：xietong backup 文件');
    return 2;
  }
  const database = await openMigrated(config);
  try {
    const counts = await backupDatabase(database.db, file);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`已备份到 ${file}：${Object.keys(counts).length} 张表，共 ${total} 行。`);
    return 0;
  } finally {
    await database.close();
  }
}

async function restoreCommand(args: string[], config: Config): Promise<number> {
  const file = args[0];
  if (!file) {
    console.error('用法：xietong restore 文件（会覆盖当前数据库中的全部数据；请先停止服务）');
    return 2;
  }
  const database = await openMigrated(config);
  try {
    const counts = await restoreDatabase(database.db, file);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`已从 ${file} 恢复：共 ${total} 行。`);
    const check = await verifyAuditChain(database.db);
    console.log(
      check.ok ? '审计链校验通过。' : '注意：恢复后的审计链校验未通过，请运行 xietong audit verify 查看。',
    );
    return 0;
  } catch (err) {
    if (err instanceof BackupError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    await database.close();
  }
}
