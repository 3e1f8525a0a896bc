import { Tag } from 'antd';
import { t } from '../i18n/zh-CN';

const COLOURS: Record<string, string> = { red: 'red', yellow: 'gold', green: 'green' };

/** A status light (亮灯) as a labelled tag: colour is never the only signal. */
export function Light({ light }: { light: string | null | undefined }) {
  if (!light) return <Tag>{t.status.light.none}</Tag>;
  return (
    <Tag color={COLOURS[light] ?? 'default'} data-light={light}>
      {t.status.light[light] ?? light}
    </Tag>
  );
}
