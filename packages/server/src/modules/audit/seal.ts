import { sql } from 'drizzle-orm';
import { groupCommit, rows, type Database, type Db } from '../../db/client.js';
import { GENESIS_HASH, hashEvent } from './chain.js';

/** Unsealed events linked per statement (a backlog is sealed in several rounds of one transaction). */
const BATCH = 2000;

interface Unsealed {
  ctid: string;
  at: string;
  actor_user_id: string | null;
  actor_unit_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  unit_id: string | null;
  before: unknown;
  after: unknown;
}

/**
 * Links every committed unsealed audit event into the hash chain, in write order (`pending_no`):
 * takes the chain head's row lock (so sealers queue on each other, never writers on them), gives
 * each event the next sequence number, its predecessor's hash and its own, and moves the head.
 * An event is visible here only once its transaction has committed, so the chain holds committed
 * events in the order the sealer saw them commit (docs/adr/0006). Returns how many it sealed.
 *
 * `durable: false` commits without waiting for the WAL flush: a seal lost in a crash is redone
 * from the events (which were committed durably by their own transactions) by the next seal.
 */
export async function sealAuditEvents(db: Db, options: { durable?: boolean } = {}): Promise<number> {
  return db.transaction(async (tx) => {
    // The head's lock (sealers queue on each other, never writers on them) and, for a seal after
    // commit, no wait for the WAL flush — one statement.
    const lockHead = () =>
      rows<{ seq: string | number; hash: string }>(
        tx,
        sql`select seq, hash${options.durable === false ? sql`, set_config('synchronous_commit', 'off', true)` : sql``}
            from audit_head where id = 1 for update`,
      );
    let [head] = await lockHead();
    if (!head) {
      await tx.execute(
        sql`insert into audit_head (id, seq, hash) values (1, 0, ${GENESIS_HASH}) on conflict do nothing`,
      );
      [head] = await lockHead();
    }
    let seq = Number(head!.seq);
    let prevHash = head!.hash;
    let sealed = 0;
    for (;;) {
      // Read after the lock: a sealer that held it before us has committed, its work is visible.
      const batch = await rows<Unsealed>(
        tx,
        sql`select ctid::text as ctid, at, actor_user_id, actor_unit_id, action, entity_type, entity_id, unit_id, before, after
            from audit_events where seq is null order by pending_no limit ${BATCH}`,
      );
      if (!batch.length) break;
      const values = batch.map((e) => {
        seq += 1;
        const hash = hashEvent({
          seq,
          at: e.at,
          actorUserId: e.actor_user_id,
          actorUnitId: e.actor_unit_id,
          action: e.action,
          entityType: e.entity_type,
          entityId: e.entity_id,
          unitId: e.unit_id,
          before: e.before,
          after: e.after,
          prevHash,
        });
        const row = sql`(${e.ctid}::tid, ${seq}::bigint, ${prevHash}, ${hash})`;
        prevHash = hash;
        return row;
      });
      // The events and the head in one statement.
      await tx.execute(sql`with sealed as (update audit_events e set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
          from (values ${sql.join(values, sql`, `)}) as v(ctid, seq, prev_hash, hash)
          where e.ctid = v.ctid and e.seq is null returning 1)
        update audit_head set seq = ${seq}, hash = ${prevHash} where id = 1`);
      sealed += batch.length;
      if (batch.length < BATCH) break;
    }
    return sealed;
  });
}

const sealers = new WeakMap<Database, () => Promise<void>>();

/**
 * Seals, shared among concurrent callers (group commit): resolves once a seal that started after
 * the call has finished, so the caller's committed events are in the chain. Never throws: a
 * failed seal leaves the events unsealed for the next one (the caller's write is committed).
 */
export function sealAfterCommit(database: Database): Promise<void> {
  let sealer = sealers.get(database);
  if (!sealer) {
    sealer = groupCommit(async () => {
      await sealAuditEvents(database.db, { durable: false });
    });
    sealers.set(database, sealer);
  }
  return sealer().catch((err: unknown) => {
    console.error('审计链封存失败（事件已保存，将在下次写入或校验时封存）：', (err as Error).message);
  });
}
