/**
 * Side-by-side review of a parsed plan: the text with every recognised task, unit, deadline and
 * indicator highlighted at its source span, and the outline tree. Clicking either side scrolls
 * to the other; warnings and removed spans are listed and clickable.
 */
import type { OutlineNode, ParsedPlan } from '@xietong/parser';
import { Badge, Button, Empty, Flex, List, Segmented, Tabs, Tag, Tooltip, Tree, Typography } from 'antd';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ComponentRef, type ReactNode } from 'react';
import { t } from '../../i18n/zh-CN';
import { ancestorsOf, buildMarks, nodeAt, outlineAnchors, segment, type Mark, type Segment, type TextMode } from './spans';

export interface ReviewPaneProps {
  plan: ParsedPlan;
  /** The original decoded text, when the server keeps it: enables the original view and removed spans in place. */
  originalText?: string | null;
  /** The task the surrounding screen has selected (index into plan.tasks). */
  selectedTask?: number | null;
  onSelectTask?: (index: number) => void;
  /** Height of the two scrolling panes. */
  height?: number | string;
}

const KIND_LABEL: Record<string, string> = {
  task: t.import.legendTask,
  unit: t.import.legendUnit,
  deadline: t.import.legendDeadline,
  indicator: t.import.legendIndicator,
};

function scrollIntoView(el: Element | null | undefined) {
  if (el && typeof (el as HTMLElement).scrollIntoView === 'function') {
    (el as HTMLElement).scrollIntoView({ block: 'center', behavior: 'smooth' });
  }
}

interface TextViewProps {
  segments: Segment[];
  activeTask: number | null;
  activeMark: string | null;
  onMark: (m: Mark) => void;
}

const TextView = memo(function TextView({ segments, activeTask, activeMark, onMark }: TextViewProps) {
  return (
    <>
      {segments.map((s) => {
        const anchors = s.anchors.map((a) => <span key={`a-${a}`} data-anchor={a} />);
        const m = s.marks[0];
        if (!m) return anchors.length ? [...anchors, s.text] : s.text;
        const task = s.marks.find((x) => x.kind === 'task');
        const active =
          s.marks.some((x) => x.id === activeMark) || (activeTask !== null && task !== undefined && task.task === activeTask);
        return [
          ...anchors,
          <mark
            key={`m-${s.start}`}
            className={`hl-${m.kind}${active ? ' hl-active' : ''}`}
            data-mark={m.id}
            title={m.label ? `${KIND_LABEL[m.kind] ?? ''} ${m.label}`.trim() : undefined}
            onClick={(e) => {
              e.stopPropagation();
              onMark(m);
            }}
          >
            {s.text}
          </mark>,
        ];
      })}
    </>
  );
});

function treeData(node: OutlineNode, taskCount: Map<string, number>): { key: string; title: ReactNode; children: ReturnType<typeof treeData>[] } {
  const n = taskCount.get(node.id) ?? 0;
  const label = [node.marker, node.title].filter(Boolean).join(' ');
  return {
    key: node.id,
    title: (
      <span data-node-id={node.id}>
        {label.length > 60 ? `${label.slice(0, 60)}…` : label || t.import.outline}
        {n > 0 ? <Badge count={n} size="small" color="#1677ff" style={{ marginLeft: 6 }} title={t.import.taskCount(n)} /> : null}
      </span>
    ),
    children: node.children.map((c) => treeData(c, taskCount)),
  };
}

/** Above this many outline nodes the outline draws only those in view (a 10,000-task document). */
const VIRTUAL_OUTLINE_FROM = 1000;

function countNodes(n: OutlineNode): number {
  let c = 1;
  for (const x of n.children) c += countNodes(x);
  return c;
}

/** The pane height in pixels, for the virtual outline (which needs a number). */
function pixels(height: number | string): number {
  if (typeof height === 'number') return height;
  const v = parseFloat(height);
  if (height.endsWith('vh') && typeof window !== 'undefined') return Math.round((v / 100) * window.innerHeight);
  return Number.isFinite(v) ? v : 480;
}

export function ReviewPane({ plan, originalText, selectedTask, onSelectTask, height = '70vh' }: ReviewPaneProps) {
  const [mode, setMode] = useState<TextMode>('normalised');
  const [activeTask, setActiveTask] = useState<number | null>(selectedTask ?? null);
  const [activeMark, setActiveMark] = useState<string | null>(null);
  const [selectedNode, setSelectedNode] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<string[]>(() => [plan.outline.id, ...plan.outline.children.map((c) => c.id)]);
  const [tab, setTab] = useState('outline');
  const textRef = useRef<HTMLDivElement>(null);
  const treeRef = useRef<HTMLDivElement>(null);

  const text = mode === 'original' && originalText ? originalText : plan.text;
  const segments = useMemo(
    () => segment(text, buildMarks(plan, mode), outlineAnchors(plan.outline, mode)),
    [plan, mode, text],
  );
  const taskCount = useMemo(() => {
    const m = new Map<string, number>();
    for (const task of plan.tasks) m.set(task.nodeId, (m.get(task.nodeId) ?? 0) + 1);
    return m;
  }, [plan.tasks]);
  const tree = useMemo(() => [treeData(plan.outline, taskCount)], [plan.outline, taskCount]);
  const virtualOutline = useMemo(() => countNodes(plan.outline) >= VIRTUAL_OUTLINE_FROM, [plan.outline]);
  const antTree = useRef<ComponentRef<typeof Tree>>(null);

  const revealNode = useCallback(
    (id: string) => {
      setSelectedNode(id);
      setExpanded((e) => [...new Set([...e, ...ancestorsOf(plan.outline, id)])]);
      setTab('outline');
      // After the tree has expanded, bring the node into view (a virtual outline scrolls by key:
      // the node is not in the document until it is in view).
      setTimeout(() => {
        if (virtualOutline) antTree.current?.scrollTo({ key: id, align: 'top' });
        else scrollIntoView(treeRef.current?.querySelector(`[data-node-id="${id}"]`));
      }, 50);
    },
    [plan.outline, virtualOutline],
  );

  const scrollText = useCallback((selector: string) => {
    setTimeout(() => scrollIntoView(textRef.current?.querySelector(selector)), 30);
  }, []);

  // The surrounding screen selected a task (e.g. in the task table): show it on both sides.
  useEffect(() => {
    if (selectedTask === null || selectedTask === undefined) return;
    const task = plan.tasks[selectedTask];
    if (!task) return;
    setActiveTask(selectedTask);
    setActiveMark(`task:${selectedTask}`);
    revealNode(task.nodeId);
    scrollText(`[data-mark="task:${selectedTask}"], [data-mark^="unit:${selectedTask}:"], [data-mark="deadline:${selectedTask}"]`);
  }, [selectedTask, plan.tasks, revealNode, scrollText]);

  const onMark = useCallback(
    (m: Mark) => {
      setActiveMark(m.id);
      if (m.task !== undefined) {
        setActiveTask(m.task);
        onSelectTask?.(m.task);
        const task = plan.tasks[m.task];
        if (task) revealNode(task.nodeId);
      } else {
        setActiveTask(null);
        const node = mode === 'normalised' ? nodeAt(plan.outline, m.start) : null;
        if (node) revealNode(node.id);
        if (m.kind === 'warning') setTab('warnings');
      }
    },
    [plan, mode, onSelectTask, revealNode],
  );

  const onTreeSelect = (id: string) => {
    setSelectedNode(id);
    const ti = plan.tasks.findIndex((task) => task.nodeId === id);
    if (ti >= 0) {
      setActiveTask(ti);
      setActiveMark(`task:${ti}`);
      onSelectTask?.(ti);
    } else {
      setActiveTask(null);
      setActiveMark(null);
    }
    scrollText(`[data-anchor="${id}"]`);
  };

  const gotoWarning = (i: number) => {
    setMode('normalised');
    setActiveTask(null);
    setActiveMark(`warning:${i}`);
    scrollText(`[data-mark="warning:${i}"]`);
  };

  const gotoRemoved = (i: number) => {
    setMode('original');
    setActiveTask(null);
    setActiveMark(`removed:${i}`);
    scrollText(`[data-mark="removed:${i}"]`);
  };

  const paneStyle = { height, overflow: 'auto', background: '#fff', border: '1px solid #e8e8e8', borderRadius: 4, padding: 16 } as const;

  return (
    <Flex gap={16} wrap style={{ width: '100%' }} className="review-pane">
      <section style={{ flex: '3 1 520px', minWidth: 0 }} aria-label={t.import.original}>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
          <Flex gap={6} wrap align="center" aria-label={t.import.legend}>
            <span><span className="legend-swatch hl-task" />{t.import.legendTask}</span>
            <span><span className="legend-swatch hl-unit" />{t.import.legendUnit}</span>
            <span><span className="legend-swatch hl-deadline" />{t.import.legendDeadline}</span>
            <span><span className="legend-swatch hl-indicator" />{t.import.legendIndicator}</span>
            <span><span className="legend-swatch hl-warning" />{t.import.warnings}</span>
          </Flex>
          {originalText ? (
            <Segmented
              size="small"
              value={mode}
              onChange={(v) => setMode(v as TextMode)}
              options={[
                { value: 'normalised', label: t.import.viewRecognised },
                { value: 'original', label: t.import.original },
              ]}
            />
          ) : null}
        </Flex>
        <div ref={textRef} style={paneStyle} className="review-text" data-testid="review-text" tabIndex={0}>
          <TextView segments={segments} activeTask={activeTask} activeMark={activeMark} onMark={onMark} />
        </div>
      </section>
      <section style={{ flex: '2 1 340px', minWidth: 0 }} aria-label={t.import.outline}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          size="small"
          items={[
            {
              key: 'outline',
              label: t.import.outline,
              children: (
                <div ref={treeRef} style={{ ...paneStyle, padding: 8 }} data-testid="review-outline">
                  <Tree
                    ref={antTree}
                    virtual={virtualOutline}
                    {...(virtualOutline ? { height: pixels(height) - 16 } : {})}
                    treeData={tree}
                    expandedKeys={expanded}
                    onExpand={(keys) => setExpanded(keys.map(String))}
                    selectedKeys={selectedNode ? [selectedNode] : []}
                    onSelect={(keys, info) => onTreeSelect(String(info.node.key ?? keys[0]))}
                    blockNode
                  />
                </div>
              ),
            },
            {
              key: 'warnings',
              label: (
                <span>
                  {t.import.warnings} <Badge count={plan.warnings.length} size="small" showZero={false} />
                </span>
              ),
              children: (
                <div style={{ ...paneStyle, padding: 0 }}>
                  {plan.warnings.length === 0 ? (
                    <Empty description={t.import.noWarnings} style={{ padding: 24 }} />
                  ) : (
                    <List
                      size="small"
                      dataSource={plan.warnings.map((w, i) => ({ w, i }))}
                      renderItem={({ w, i }) => (
                        <List.Item
                          style={{ padding: '8px 12px', background: activeMark === `warning:${i}` ? '#fff2e8' : undefined }}
                          actions={[
                            <Button key="go" size="small" type="link" disabled={!w.span} onClick={() => gotoWarning(i)}>
                              {t.import.jumpToText}
                            </Button>,
                          ]}
                        >
                          <div>
                            <Tag color="orange">{t.review.warningCodes[w.code] ?? w.code}</Tag>
                            <Typography.Text>{w.message}</Typography.Text>
                          </div>
                        </List.Item>
                      )}
                    />
                  )}
                </div>
              ),
            },
            {
              key: 'removed',
              label: (
                <span>
                  {t.import.removed} <Badge count={plan.removed.length} size="small" color="#8c8c8c" showZero={false} />
                </span>
              ),
              children: (
                <div style={{ ...paneStyle, padding: 0 }}>
                  {plan.removed.length === 0 ? (
                    <Empty description={t.import.noRemoved} style={{ padding: 24 }} />
                  ) : (
                    <List
                      size="small"
                      dataSource={plan.removed.map((r, i) => ({ r, i }))}
                      renderItem={({ r, i }) => (
                        <List.Item
                          style={{ padding: '8px 12px', background: activeMark === `removed:${i}` ? '#f5f5f5' : undefined }}
                          actions={[
                            <Button key="go" size="small" type="link" disabled={!originalText} onClick={() => gotoRemoved(i)}>
                              {t.import.jumpToText}
                            </Button>,
                          ]}
                        >
                          <div style={{ minWidth: 0 }}>
                            <Tag>{t.import.removedReasons[r.reason] ?? r.reason}</Tag>
                            <Tooltip title={r.text}>
                              <Typography.Text type="secondary" ellipsis style={{ maxWidth: 260 }}>
                                {r.text}
                              </Typography.Text>
                            </Tooltip>
                          </div>
                        </List.Item>
                      )}
                    />
                  )}
                </div>
              ),
            },
          ]}
        />
      </section>
    </Flex>
  );
}
