import { expect, test } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { SESSION_COOKIE } from '@xietong/shared';
import { rows } from '../db/client.js';
import { tasks } from '../modules/plans/schema.js';
import { inflateEntry, readCentralDirectory } from '../modules/office/zip-inspect.js';
import type { TestClient } from '../testing/client.js';
import { useTestWorkspace } from '../testing/workspace.js';
import { fillAll, publishedPlan, slotsOf } from './fixtures.js';

// Stored script and markup payloads come out of the generated Word and Excel files as text
// (issue 6): a reporter's report and a task's text pass through the API into the bulletin, the
// half-year summary, the task table and the progress sheet; in every XML part of those packages
// the payload appears escaped, never as markup. (The web app side: e2e/inert-payload.e2e.ts.)

const ws = useTestWorkspace();

const MARK = 'XT-INJECT';
const PAYLOAD = `<script>alert('${MARK}')</script><img src=x onerror=alert(1)><w:r><w:t>${MARK}</w:t></w:r>]]>&amp;`;
/** What must never appear raw in any XML part (each would be live markup). */
const RAW = ['<script', '<img', `<w:t>${MARK}`, `<t>${MARK}`];
/** The payload as XML text: every angle bracket escaped. */
const ESCAPED = `&lt;script&gt;alert(`;

/** Every XML part of an Office package, as text. */
function xmlParts(file: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readCentralDirectory(file))
    if (/\.(xml|rels)$/.test(e.name)) out.set(e.name, inflateEntry(file, e).toString('utf8'));
  return out;
}

test('script and markup stored through the API are plain text in the generated Word and Excel files', async () => {
  const { planId, units } = await publishedPlan(ws, { units: 2, tasks: 2 });
  await fillAll(ws, planId);
  const slots = await slotsOf(ws, planId);
  const [firstTask] = await rows<{ id: string }>(
    ws.db,
    sql`select id from tasks where plan_id = ${planId} order by ord limit 1`,
  );
  // A task text as an imported document could carry it (the import test stores it verbatim).
  await ws.db
    .update(tasks)
    .set({ text: `第1项任务：${PAYLOAD}` })
    .where(eq(tasks.id, firstTask!.id));
  const coordinator = await ws.as(['coordinator']);
  const reporters: TestClient[] = [];
  for (const unit of units) {
    const reporter = await ws.as(['reporter'], { unitId: unit.id });
    reporters.push(reporter);
    for (const slot of slots.filter((s) => s.unit_id === unit.id)) {
      const saved = await reporter.put(`/api/reports/${slot.id}`, {
        done: `已完成：${PAYLOAD}`,
        problems: PAYLOAD,
        nextSteps: `下一步 ${PAYLOAD}`,
      });
      expect(saved.status).toBe(200);
      expect(saved.body.done).toBe(`已完成：${PAYLOAD}`);
    }
  }
  const files: Record<string, Buffer> = {};
  const download = async (name: string, client: TestClient, url: string) => {
    const res = await client.app.inject({
      method: 'GET',
      url,
      cookies: { [SESSION_COOKIE]: client.cookie! },
    });
    expect(res.statusCode, `${name}: ${res.body.slice(0, 300)}`).toBe(200);
    files[name] = res.rawPayload;
  };
  // The unit's own sheet lists its open drafts, with what it has written so far.
  await download('progress-sheet.xlsx', reporters[0]!, '/api/reports/progress-sheet.xlsx');
  for (const [i, unit] of units.entries())
    for (const slot of slots.filter((s) => s.unit_id === unit.id))
      expect((await reporters[i]!.post(`/api/reports/${slot.id}/submit`, {})).status).toBe(200);
  const [{ period_key: period } = { period_key: '' }] = await rows<{ period_key: string }>(
    ws.db,
    sql`select period_key from reports where plan_id = ${planId} limit 1`,
  );
  const query = `period=${encodeURIComponent(period)}&docNumber=${encodeURIComponent('武圈办〔2026〕<b>1</b>号')}&issuer=${encodeURIComponent('<script>发文</script>')}`;
  await download('bulletin.docx', coordinator, `/api/plans/${planId}/bulletin.docx?${query}`);
  await download('summary.docx', coordinator, `/api/plans/${planId}/summary.docx?${query}`);
  await download('task-table.xlsx', coordinator, `/api/plans/${planId}/task-table.xlsx`);

  const carrying: string[] = [];
  for (const [name, file] of Object.entries(files)) {
    for (const [part, xml] of xmlParts(file)) {
      for (const raw of RAW) expect(xml.includes(raw), `${name} ${part} contains ${raw}`).toBe(false);
      if (xml.includes(ESCAPED)) carrying.push(`${name} ${part}`);
    }
  }
  // The payload did reach the documents (so the checks above looked at it): the summary carries
  // the reports, the task table and progress sheet the task text.
  expect(carrying.some((c) => c.startsWith('summary.docx word/document.xml'))).toBe(true);
  expect(carrying.some((c) => c.startsWith('task-table.xlsx'))).toBe(true);
  expect(carrying.some((c) => c.startsWith('progress-sheet.xlsx'))).toBe(true);
});
