import { and, asc, eq, gt, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditEvents, auditHead } from './schema.js';
import { GENESIS_HASH, hashEvent } from './chain.js';
import { sealAuditEvents } from './seal.js';

export interface AuditProblem {
  seq: number;
  problem: 'altered' | 'missing' | 'broken-link' | 'truncated';
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  events: number;
  problems: AuditProblem[];
}

/**
 * Seals what is waiting (events committed since the last seal, docs/adr/0006), then walks the whole
 * chain in order and recomputes every hash: an altered event, a removed event or a removed tail
 * each shows up as a problem. Reads in pages so a long history fits in memory.
 */
export async function verifyAuditChain(db: Db, pageSize = 5000): Promise<AuditVerification> {
  await sealAuditEvents(db);
  const problems: AuditProblem[] = [];
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  let after = 0;
  for (;;) {
    const page = await db
      .select()
      .from(auditEvents)
      .where(and(isNotNull(auditEvents.seq), gt(auditEvents.seq, after)))
      .orderBy(asc(auditEvents.seq))
      .limit(pageSize);
    for (const row of page) {
      const e = { ...row, seq: row.seq!, prevHash: row.prevHash ?? '', hash: row.hash ?? '' };
      count += 1;
      if (e.seq !== expectedSeq) {
        problems.push({
          seq: expectedSeq,
          problem: 'missing',
          message: `第 ${expectedSeq}–${e.seq - 1} 号事件缺失（被删除）。`,
        });
      }
      if (e.prevHash !== prevHash) {
        problems.push({
          seq: e.seq,
          problem: 'broken-link',
          message: `第 ${e.seq} 号事件与前一事件的链接不一致。`,
        });
      }
      const recomputed = hashEvent({
        seq: e.seq,
        at: e.at,
        actorUserId: e.actorUserId,
        actorUnitId: e.actorUnitId,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        unitId: e.unitId,
        before: e.before,
        after: e.after,
        prevHash: e.prevHash,
      });
      if (recomputed !== e.hash) {
        problems.push({ seq: e.seq, problem: 'altered', message: `第 ${e.seq} 号事件的内容被改动过。` });
      }
      prevHash = e.hash;
      expectedSeq = e.seq + 1;
      after = e.seq;
    }
    if (page.length < pageSize) break;
  }
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  if (head && (head.seq !== expectedSeq - 1 || head.hash !== prevHash)) {
    problems.push({
      seq: head.seq,
      problem: 'truncated',
      message: `审计链末尾应为第 ${head.seq} 号事件，实际只到第 ${expectedSeq - 1} 号：末尾事件被删除或改动。`,
    });
  }
  if (!head && count > 0) {
    problems.push({ seq: 0, problem: 'truncated', message: '审计链的链头记录缺失。' });
  }
  return { ok: problems.length === 0, events: count, problems };
}
