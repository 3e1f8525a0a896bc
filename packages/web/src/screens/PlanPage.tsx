/** One plan: tree with progress, light and units; filters; responsibility matrix; projects; phases. */
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Descriptions, Empty, Flex, Progress, Tabs, Timeline, Tree, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { Link, useParams } from 'react-router';
import { useApi } from '../api/hooks';
import { useSession } from '../app/session';
import { ErrorAlert } from '../components/ErrorAlert';
import { Light } from '../components/Light';
import { PageTitle } from '../components/PageTitle';
import { ResponsibilityMatrix } from '../components/ResponsibilityMatrix';
import { TaskFilters } from '../components/TaskFilters';
import { TaskTable, UnitTags } from '../components/TaskTable';
import { t } from '../i18n/zh-CN';
import { filterTasks, toTaskRow, type TaskFilter } from '../lib/tasks';
import { buildTaskTree, type TreeNode } from '../lib/tree';
import { isObj, listOf, num, str } from './import-model';
import { PlanOfficeActions } from './plan-office';

function titlesFromOutline(outline: unknown): Map<string, string> {
  const m = new Map<string, string>();
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!isObj(n)) return;
    const path = str(n.path);
    const title = str(n.title);
    if (path && title) m.set(path, title);
    if (Array.isArray(n.children)) n.children.forEach(walk);
  };
  walk(outline);
  return m;
}

function toAntTree(
  nodes: TreeNode[],
): { key: string; title: React.ReactNode; children: ReturnType<typeof toAntTree> }[] {
  return nodes.map((n) => ({
    key: n.key,
    title: (
      <Flex gap={8} align="center" wrap>
        {n.task ? (
          <Link to={`/tasks/${n.task.id}`}>{n.label}</Link>
        ) : (
          <Typography.Text strong>{n.label}</Typography.Text>
        )}
        {n.light ? <Light light={n.light} /> : null}
        {n.progress !== null ? (
          <Progress percent={Math.round(n.progress)} size="small" style={{ width: 120, margin: 0 }} />
        ) : null}
        {n.task ? (
          <UnitTags units={n.task.units} />
        ) : (
          <Typography.Text type="secondary">{t.import.taskCount(n.taskCount)}</Typography.Text>
        )}
      </Flex>
    ),
    children: toAntTree(n.children),
  }));
}

/** Above this many tasks the tree draws only the nodes in view (a 10,000-task plan stays smooth). */
const VIRTUAL_TREE_FROM = 500;
const TREE_HEIGHT = 560;

/**
 * Printing draws every node and row: virtual lists would print only what is in view. The browser's
 * own print command (Ctrl+P) is caught too, through beforeprint, rendered synchronously.
 */
function usePrinting(): [boolean, () => void] {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  const print = () => {
    flushSync(() => setPrinting(true));
    window.print();
  };
  return [printing, print];
}

export default function PlanPage() {
  const { planId } = useParams();
  const plan = useApi<Record<string, unknown>>(`/api/plans/${planId}`);
  const tasks = plan.data?.tasks;
  const { can } = useSession();
  const published = plan.data ? str(plan.data.status) === 'published' : false;
  // Lights (with reasons and progress) for red and yellow tasks, and the plan's progress by heading.
  const lights = useApi<unknown>(published && can('light.read') ? '/api/supervision/lights' : null, {
    planId,
  });
  const greens = useApi<unknown>(published && can('light.read') ? '/api/supervision/lights' : null, {
    planId,
    light: 'green',
  });
  const progressApi = useApi<Record<string, unknown>>(
    published && can('progress.read') ? `/api/plans/${planId}/progress` : null,
  );
  const rows = useMemo(() => {
    const lit = new Map(
      [...listOf(greens.data, 'tasks'), ...listOf(lights.data, 'tasks')].map((x) => [str(x.taskId) ?? '', x]),
    );
    return listOf(tasks).map((r) => {
      const row = toTaskRow(r);
      const l = lit.get(row.id);
      return l
        ? {
            ...row,
            light: str(l.light),
            lightReasons: Array.isArray(l.lightReasons) ? l.lightReasons.map(String) : [],
            progress: num(l.percent) ?? row.progress,
          }
        : row;
    });
  }, [tasks, lights.data, greens.data]);
  const overall = progressApi.data ? num(progressApi.data.progress) : null;
  const [filter, setFilter] = useState<TaskFilter>({});
  const filtered = useMemo(() => filterTasks(rows, filter), [rows, filter]);
  const p = plan.data ?? {};
  const parsed = isObj(p.parsed) ? p.parsed : p;
  const nodeProgress = useMemo(
    () =>
      new Map(
        listOf(progressApi.data?.nodes)
          .filter((n) => num(n.percent) !== null)
          .map((n) => [str(n.path) ?? '', num(n.percent)!] as [string, number]),
      ),
    [progressApi.data],
  );
  const tree = useMemo(
    () => buildTaskTree(filtered, titlesFromOutline(parsed.outline), nodeProgress),
    [filtered, parsed.outline, nodeProgress],
  );
  const treeData = useMemo(() => toAntTree(tree), [tree]);
  const projects = listOf(p.projects ?? parsed.projects);
  const phases = listOf(p.phases ?? parsed.phases);
  const title = str(p.title) ?? t.plans.title;
  const [printing, print] = usePrinting();
  const virtualTree = !printing && filtered.length >= VIRTUAL_TREE_FROM;

  return (
    <>
      <PageTitle
        title={title}
        sub={
          <Flex gap={12} align="center" wrap>
            <span>{[str(p.docNumber), str(p.issuerText) ?? str(p.issuer)].filter(Boolean).join(' · ')}</span>
            {overall !== null ? (
              <Progress
                percent={Math.round(overall)}
                size="small"
                style={{ width: 200, margin: 0 }}
                format={(v) => `${t.plans.progress} ${v}%`}
              />
            ) : null}
          </Flex>
        }
        extra={
          <>
            {planId && plan.data ? (
              <PlanOfficeActions planId={planId} published={published} can={can} />
            ) : null}
            <Button icon={<PrinterOutlined />} onClick={print}>
              {t.app.print}
            </Button>
          </>
        }
      />
      <ErrorAlert
        error={plan.error}
        onRetry={plan.reload}
      />
      <TaskFilters rows={rows} value={filter} onChange={setFilter} />
      {/* Printed, the overview is the chosen view alone, without the tab bar. */}
      <style>{'@media print { .plan-views > .ant-tabs-nav { display: none !important; } }'}</style>
      <Tabs
        className="plan-views"
        items={[
          {
            key: 'tree',
            label: t.plans.tree,
            children: tree.length ? (
              <Tree
                treeData={treeData}
                defaultExpandAll
                blockNode
                selectable={false}
                virtual={virtualTree}
                {...(virtualTree ? { height: TREE_HEIGHT } : {})}
              />
            ) : (
              <Empty description={t.app.empty} />
            ),
          },
          {
            key: 'list',
            label: t.plans.taskList,
            children: (
              <TaskTable rows={filtered} loading={plan.loading} printing={printing} />
            ),
          },
          {
            key: 'matrix',
            label: t.plans.matrix,
            children: <ResponsibilityMatrix rows={filtered} filename={title} printing={printing} />,
          },
          {
            key: 'projects',
            label: t.plans.projects,
            children: projects.length ? (
              <Descriptions
                column={1}
                bordered
                size="small"
                items={projects.map((pr, i) => ({
                  key: String(i),
                  label: str(pr.name) ?? `${i + 1}`,
                  children: str(pr.text) ?? '',
                }))}
              />
            ) : (
              <Empty description={t.app.empty} />
            ),
          },
          {
            key: 'phases',
            label: t.plans.phases,
            children: phases.length ? (
              <Timeline
                items={phases.map((ph, i) => ({
                  key: i,
                  title: `${str(ph.name) ?? ''}（${str(ph.printed) ?? [str(ph.start), str(ph.end)].filter(Boolean).join(' — ')}）`,
                  content: str(ph.activities) ?? '',
                }))}
              />
            ) : (
              <Empty description={t.app.empty} />
            ),
          },
        ]}
      />
    </>
  );
}
