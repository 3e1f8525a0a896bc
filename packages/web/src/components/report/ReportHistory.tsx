/** A task's reports grouped by period, every version listed. */
import { Collapse, Descriptions, Empty, Flex, Progress, Tag } from 'antd';
import { t } from '../../i18n/zh-CN';
import { num, str } from '../../screens/import-model';

export function ReportHistory({ reports }: { reports: Record<string, unknown>[] }) {
  if (!reports.length) return <Empty description={t.task.noReports} />;
  // Group versions by period.
  const byPeriod = new Map<string, Record<string, unknown>[]>();
  for (const r of reports) {
    const p = str(r.periodLabel) ?? str(r.period) ?? '—';
    byPeriod.set(p, [...(byPeriod.get(p) ?? []), r]);
  }
  return (
    <Collapse
      items={[...byPeriod].map(([period, rs]) => ({
        key: period,
        label: (
          <Flex gap={8} align="center" wrap>
            <strong>{period}</strong>
            {rs[0] && str(rs[0].status) ? <Tag>{t.status.report[str(rs[0].status)!] ?? str(rs[0].status)}</Tag> : null}
            {rs[0] && str(rs[0].unitName) ? <span style={{ color: '#8c8c8c' }}>{str(rs[0].unitName)}</span> : null}
          </Flex>
        ),
        children: rs.map((r, i) => (
          <Descriptions
            key={i}
            size="small"
            column={1}
            bordered
            style={{ marginBottom: 12 }}
            title={`${num(r.version) ? t.task.version(num(r.version)!) : ''} ${str(r.submittedAt)?.slice(0, 16).replace('T', ' ') ?? ''}`}
            items={[
              { key: 'p', label: t.report.percent, children: num(r.percent) !== null ? <Progress percent={num(r.percent)!} size="small" style={{ maxWidth: 240 }} /> : '—' },
              { key: 'd', label: t.report.done, children: <span style={{ whiteSpace: 'pre-wrap' }}>{str(r.done) ?? ''}</span> },
              { key: 'q', label: t.report.problems, children: <span style={{ whiteSpace: 'pre-wrap' }}>{str(r.problems) ?? ''}</span> },
              { key: 'n', label: t.report.nextSteps, children: <span style={{ whiteSpace: 'pre-wrap' }}>{str(r.nextSteps) ?? ''}</span> },
              ...(str(r.returnReason) ? [{ key: 'r', label: t.report.returnReason, children: str(r.returnReason) }] : []),
            ]}
          />
        )),
      }))}
    />
  );
}

