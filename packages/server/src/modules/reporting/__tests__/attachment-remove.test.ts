import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { useTestWorkspace } from '../../../testing/workspace.js';
import { auditEvents } from '../../audit/schema.js';
import { fullContent, publishedDemoPlan, type Report } from './fixtures.js';

const ws = useTestWorkspace();

const upload = (name: string, text: string) => {
  const boundary = '----xt';
  return {
    body: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n`,
      ),
      Buffer.from(text),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
};

test('a unit removes a file it attached by mistake while the report is editable; others cannot; it is audited', async () => {
  const { coordinator, reporter, transport } = await publishedDemoPlan(ws);
  const slot = (await reporter.get('/api/reports?open=true')).body.items.find(
    (r: Report) => r.isLead && r.unitId === transport,
  ) as Report;
  const a = upload('错传的文件.txt', '不该上传');
  const up = await reporter.post(`/api/reports/${slot.id}/attachments`, a.body, a.headers);
  expect(up.status).toBe(201);
  const url = `/api/reports/${slot.id}/attachments/${up.body.id}`;

  // Another unit's reporter and the coordinator may not remove it.
  const stranger = await ws.as(['reporter']);
  expect((await stranger.del(url)).status).toBe(403);
  expect((await coordinator.del(url)).status).toBe(403);

  const removed = await reporter.del(url);
  expect(removed.status).toBe(200);
  expect((await reporter.get(`/api/attachments/${up.body.id}`)).status).toBe(404);
  expect((await reporter.get(`/api/reports/${slot.id}`)).body.attachments ?? []).toEqual([]);
  const [event] = await ws.db.select().from(auditEvents).where(eq(auditEvents.action, 'report.detach'));
  expect(event?.entityId).toBe(slot.id);
  expect(JSON.stringify(event?.before)).toContain('错传的文件.txt');

  // Removing it again, or removing through another report's URL, finds nothing.
  expect((await reporter.del(url)).status).toBe(404);

  // Once submitted, the report's files stay.
  const b = upload('佐证.txt', '验收合格');
  const kept = await reporter.post(`/api/reports/${slot.id}/attachments`, b.body, b.headers);
  expect((await reporter.put(`/api/reports/${slot.id}`, fullContent)).status).toBe(200);
  expect((await reporter.post(`/api/reports/${slot.id}/submit`, {})).status).toBe(200);
  const late = await reporter.del(`/api/reports/${slot.id}/attachments/${kept.body.id}`);
  expect(late.status).toBe(409);
  expect(late.body.message).toMatch(/不能再删除附件/);
  expect((await reporter.get(`/api/attachments/${kept.body.id}`)).status).toBe(200);
});
