import { Flex } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { t } from '../i18n/zh-CN';

/** The screen's heading; also sets the document title so tabs and history read well. */
export function PageTitle({ title, extra, sub }: { title: string; extra?: ReactNode; sub?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · ${t.app.name}`;
  }, [title]);
  return (
    <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
      <div style={{ minWidth: 0 }}>
        <h1 style={{ margin: 0, fontSize: 22, fontWeight: 600, lineHeight: 1.4 }}>{title}</h1>
        {sub ? <div style={{ color: 'rgba(0,0,0,0.55)', marginTop: 2 }}>{sub}</div> : null}
      </div>
      {extra ? (
        <Flex gap={8} wrap className="no-print">
          {extra}
        </Flex>
      ) : null}
    </Flex>
  );
}
