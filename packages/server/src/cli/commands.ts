import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { count, eq } from 'drizzle-orm';
import { ROLES, type Role } from '@xietong/shared';
import type { Config } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import { migrate, MigrationMismatchError } from '../db/migrate.js';
import { buildApp } from '../http/app.js';
import { withContext } from '../http/context.js';
import { users } from '../modules/access/schema.js';
import { createUser } from '../modules/access/commands.js';
import { unitNames } from '../modules/directory/schema.js';
import { verifyAuditChain } from '../modules/audit/verify.js';
import { DomainError } from '../errors.js';
import type { Actor } from '../policy.js';

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

type Extra = Record<string, (args: string[], config: Config) => Promise<number | null>>;
/** Commands added by later parts of the CLI (demo, import, backup, parse) register here. */
export const extraCommands: Extra = {};

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
    case 'audit':
      return auditCommand(args, config);
    case 'help':
    case '--help':
    case '-h':
      console.log(HELP);
      return 0;
    default: {
      const extra = extraCommands[command];
      if (extra) return extra(args, config);
      console.error(`未知命令「${command}」。\n\n${HELP}`);
      return 2;
    }
  }
}

async function serve(config: Config): Promise<void> {
  const database = await openMigrated(config);
  const [{ n }] = (await database.db.select({ n: count() }).from(users)) as [{ n: number }];
  if (Number(n) === 0) {
    const loader = config.demo ? extraCommands['demo:load-if-empty'] : undefined;
    if (loader) await loader([], config);
    else
      console.log(
        [
          '数据库里还没有任何账号。创建第一个管理员：',
          '  npx xietong user add --username admin --name 系统管理员 --role admin',
          '（不给 --password 会生成随机密码并打印。）',
        ].join('\n'),
      );
  }
  const app = await buildApp({ db: database, config, logger: true });
  const stop = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await app.listen({ port: config.port, host: config.host });
  console.log(`协同已启动：http://localhost:${config.port}/ （数据库：${database.kind === 'pglite' ? `内置 PGlite，${config.dataDir}` : 'PostgreSQL'}）`);
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
    console.error(`需要 --username 和至少一个 --role（可选：${ROLES.join('、')}）${bad.length ? `；无效角色：${bad.join('、')}` : ''}`);
    return 2;
  }
  const password = values.password ?? randomBytes(9).toString('base64url');
  const database = await openMigrated(config);
  try {
    let unitId: string | null = null;
    if (values.unit) {
      const [u] = await database.db.select({ id: unitNames.unitId }).from(unitNames).where(eq(unitNames.name, values.unit));
      if (!u) {
        console.error(`单位目录中没有「${values.unit}」，请使用单位全称。`);
        return 1;
      }
      unitId = u.id;
    }
    const user = await withContext({ database, config }, CLI_ACTOR, (ctx) =>
      createUser(ctx, { username: values.username!, name: values.name ?? values.username!, password, roles, unitId }),
    );
    console.log(`已创建账号 ${user.username}（${roles.join('、')}）。${values.password ? '' : `密码：${password}`}`);
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
