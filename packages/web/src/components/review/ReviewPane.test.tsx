// @vitest-environment node
import '../../test/install-dom';
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { buildPlan } from '../../test/fixtures';
import { ReviewPane } from './ReviewPane';

afterEach(cleanup);

describe('ReviewPane', () => {
  it('highlights tasks, units, deadlines and indicators at their spans', () => {
    const { container } = render(<ReviewPane plan={buildPlan()} />);
    const text = container.querySelector('[data-testid="review-text"]')!;
    const marked = (cls: string) => [...text.querySelectorAll(`mark.${cls}`)].map((m) => m.textContent);
    expect(marked('hl-unit').sort()).toEqual(['市发改委', '市财政局'].sort());
    // 市数据局 carries a warning, which is drawn over the unit highlight.
    expect(marked('hl-warning')).toEqual(['市数据局']);
    expect(marked('hl-deadline')).toEqual(['2022年底前']);
    expect(marked('hl-indicator').join('')).toBe('到2025年，常住人口城镇化率达到70%');
    expect(text.textContent).toBe(buildPlan().text);
  });

  it('selects the outline node when a highlight in the text is clicked, and the task when a node is clicked', () => {
    const { container, getByText } = render(<ReviewPane plan={buildPlan()} />);
    const unit = [...container.querySelectorAll('mark.hl-unit')].find((m) => m.textContent === '市发改委')!;
    fireEvent.click(unit);
    const selected = container.querySelector('.ant-tree-node-selected');
    expect(selected?.textContent).toContain('推进数字政府建设');
    expect(unit.className).toContain('hl-active');

    fireEvent.click(getByText('主要指标'));
    expect(container.querySelector('.ant-tree-node-selected')?.textContent).toContain('主要指标');
    expect(container.querySelectorAll('mark.hl-active')).toHaveLength(0);
    fireEvent.click(getByText('推进数字政府建设'));
    const active = [...container.querySelectorAll('mark.hl-active')].map((m) => m.textContent).join('');
    expect(active).toContain('推进数字政府建设');
  });

  it('lists warnings and removed text, and jumps to a warning in the text', () => {
    const { container, getByText, getAllByText, getByRole } = render(<ReviewPane plan={buildPlan()} originalText={'浏览量：123' + '\n'.repeat(3) + buildPlan().text} />);
    fireEvent.click(getByRole('tab', { name: /需要核对的问题/ }));
    expect(getByText('“市数据局”不在单位名录中，请核对。')).toBeTruthy();
    fireEvent.click(getAllByText('在原文中定位')[0]!);
    expect(container.querySelector('mark.hl-active')?.textContent).toBe('市数据局');
    fireEvent.click(getByRole('tab', { name: /已剔除的内容/ }));
    fireEvent.click(getAllByText('在原文中定位').at(-1)!);
    expect(container.querySelector('mark.hl-removed.hl-active')?.textContent).toBe('浏览量：123');
  });
});
