import { Flex, Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { t } from '../i18n/zh-CN';

/** The screen's heading; also sets the document title so tabs and history read well. */
export function PageTitle({ title, extra, sub }: { title: string; extra?: ReactNode; sub?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · ${t.app.name}`;
  }, [title]);
  return (
    <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {sub ? <Typography.Text type="secondary">{sub}</Typography.Text> : null}
      </div>
      {extra ? (
        <Flex gap={8} wrap className="no-print">
          {extra}
        </Flex>
      ) : null}
    </Flex>
  );
}
