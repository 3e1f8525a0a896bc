/** The audit trail of one entity, newest first, as a timeline. */
import { Empty, Timeline } from 'antd';
import dayjs from 'dayjs';
import { useApi } from '../api/hooks';
import { t } from '../i18n/zh-CN';
import { listOf, isObj, str } from '../screens/import-model';
import { ErrorAlert } from './ErrorAlert';

/** Chinese names of audit actions; unknown actions show as recorded. */
const ACTIONS: Record<string, string> = {
  'plan.import': '导入规划',
  'plan.update': '修改草稿',
  'plan.publish': '发布规划',
  'task.update': '修改任务',
  'task.assign': '交办',
  'task.accept': '签收',
  'task.split': '拆分任务',
  'task.merge': '合并任务',
  'report.save': '保存填报草稿',
  'report.submit': '报送',
  'report.sign': '签发',
  'report.return': '退回',
  'report.accept': '采纳',
  'notice.issue': '发出督办单',
  'notice.reply': '回复督办',
  'session.create': '登录',
};

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
          content: `${actor ?? '系统'} · ${ACTIONS[action] ?? action}`,
        };
      })}
    />
  );
}
