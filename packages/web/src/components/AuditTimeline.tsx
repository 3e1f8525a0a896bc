/** The audit trail of one entity, newest first, as a timeline. */
import { Empty, Timeline } from 'antd';
import dayjs from 'dayjs';
import { useApi } from '../api/hooks';
import { t } from '../i18n/zh-CN';
import { listOf, isObj, str } from '../screens/import-model';
import { ErrorAlert } from './ErrorAlert';

export function AuditTimeline({ entity }: { entity: string }) {
  const audit = useApi<unknown>('/api/audit', { entity, limit: 100 });
  const items = listOf(audit.data);
  if (audit.error) return <ErrorAlert error={audit.error} onRetry={audit.reload} />;
  if (!audit.loading && !items.length) return <Empty description={t.task.noAudit} />;
  return (
    <Timeline
      items={items.map((e) => {
        const actor = isObj(e.actor) ? str(e.actor.name) : null;
        const action = str(e.action) ?? '';
        return {
          key: String(e.seq),
          title: dayjs(str(e.at) ?? undefined).format('YYYY-MM-DD HH:mm'),
          content: `${actor ?? t.app.system} · ${t.audit[action] ?? action}`,
        };
      })}
    />
  );
}
