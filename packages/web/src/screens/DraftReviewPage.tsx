/**
 * 校核: the coordinator reviews a draft — original text with highlights beside the outline, a task
 * table to fix units (from the directory), roles and deadlines — and publishes it. The review is
 * the primary view: its two panes are sized to what is left of the window below the plan's header,
 * so at 1366×768 text and outline are in view together; the task table follows (a header button
 * moves focus to it).
 */
import { EditOutlined, SendOutlined, TableOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Descriptions,
  Flex,
  Input,
  Modal,
  Popconfirm,
  Select,
  Skeleton,
  Table,
  Tag,
  Tooltip,
  message,
} from 'antd';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../api/client';
import { useApi } from '../api/hooks';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageTitle } from '../components/PageTitle';
import { ProposedUnits } from '../components/ProposedUnits';
import { RevisionDiff } from '../components/RevisionDiff';
import { useUnitSearch } from '../components/useUnitSearch';
import { ReviewPane } from '../components/review/ReviewPane';
import { t } from '../i18n/zh-CN';
import type { ParsedPlan } from '@xietong/parser';
import { draftTasks, toParsedPlan, type DraftTask, type DraftUnit, type Role } from './draft-model';
import { isObj, listOf, num, str } from './import-model';

type Raw = Record<string, unknown>;

/** GET /api/plans/:id/source */
interface PlanSource {
  text: string;
  original: string | null;
  removed: { reason: string; text: string; span: { start: number; end: number } }[];
  format: string | null;
}

function UnitTag({ u }: { u: DraftUnit }) {
  const unresolved = !u.unitId || u.status === 'proposed' || u.resolution === 'unknown';
  const how = u.resolution ? (t.import.resolution[u.resolution] ?? u.resolution) : null;
  const tip = [
    u.printedName && u.printedName !== u.name ? `${t.import.resolvedAs}：${u.printedName} → ${u.name}` : null,
    how,
    unresolved ? t.import.unresolved : null,
  ]
    .filter(Boolean)
    .join('；');
  return (
    <Tooltip title={tip || undefined}>
      <Tag
        color={
          unresolved ? 'orange' : u.role === 'lead' ? 'blue' : u.role === 'cooperating' ? 'default' : 'cyan'
        }
        style={{ marginBottom: 2 }}
        data-unresolved={unresolved || undefined}
      >
        {t.unitRoles[u.role]}·{u.name || u.printedName}
        {unresolved ? ' ?' : ''}
      </Tag>
    </Tooltip>
  );
}

interface EditState {
  task: DraftTask;
  units: DraftUnit[];
  deadlineText: string;
}

function TaskEditor({ state, onChange }: { state: EditState; onChange: (s: EditState) => void }) {
  const { options, loading, search } = useUnitSearch();
  const setUnit = (i: number, patch: Partial<DraftUnit>) =>
    onChange({ ...state, units: state.units.map((u, j) => (j === i ? { ...u, ...patch } : u)) });
  return (
    <Flex vertical gap={12}>
      <div style={{ background: '#fafafa', padding: 8, borderRadius: 4, maxHeight: 160, overflow: 'auto' }}>
        {state.task.text}
      </div>
      {state.units.map((u, i) => (
        <Flex key={i} gap={8} wrap align="center">
          <Select
            aria-label={t.import.role}
            value={u.role}
            style={{ width: 110 }}
            onChange={(role: Role) => setUnit(i, { role })}
            options={(['lead', 'responsible', 'cooperating'] as Role[]).map((r) => ({
              value: r,
              label: t.unitRoleLong[r],
            }))}
          />
          <Select
            aria-label={t.import.unit}
            showSearch={{ filterOption: false, onSearch: search }}
            value={u.unitId ?? undefined}
            placeholder={
              u.printedName ? `${u.printedName}（${t.import.unresolved}）` : t.import.mapToPlaceholder
            }
            loading={loading}
            style={{ flex: '1 1 260px', minWidth: 200 }}
            options={
              u.unitId && !options.some((o) => o.value === u.unitId)
                ? [{ value: u.unitId, label: u.name }, ...options]
                : options
            }
            onFocus={() => search(u.printedName ?? u.name)}
            onChange={(id: string, opt) =>
              setUnit(i, {
                unitId: id,
                name: (Array.isArray(opt) ? opt[0] : opt)?.label ?? u.name,
                status: 'active',
                resolution: 'exact',
              })
            }
          />
          {u.printedName ? (
            <span style={{ color: '#8c8c8c' }}>
              {t.import.resolvedAs}：{u.printedName}
            </span>
          ) : null}
          <Button
            type="text"
            danger
            onClick={() => onChange({ ...state, units: state.units.filter((_, j) => j !== i) })}
          >
            {t.import.removeUnit}
          </Button>
        </Flex>
      ))}
      <Button
        onClick={() =>
          onChange({
            ...state,
            units: [
              ...state.units,
              {
                unitId: null,
                name: '',
                printedName: null,
                role: 'responsible',
                status: null,
                resolution: null,
              },
            ],
          })
        }
      >
        {t.import.addUnit}
      </Button>
      <label>
        {t.import.deadline}
        <Input
          value={state.deadlineText}
          onChange={(e) => onChange({ ...state, deadlineText: e.target.value })}
          style={{ marginTop: 4 }}
        />
      </label>
    </Flex>
  );
}

/** Room the review needs above its panes (the outline's tab bar) and below them (a margin). */
const REVIEW_CHROME = 62;
const MIN_PANE = 300;

/**
 * The height of the review panes that fits them into the window below `review`'s top (document
 * coordinates), re-measured when the content above it or the window changes size.
 */
function useFittedPaneHeight(
  above: RefObject<HTMLElement | null>,
  review: RefObject<HTMLElement | null>,
  ready: boolean,
): number {
  const [height, setHeight] = useState(480);
  useLayoutEffect(() => {
    if (!ready) return;
    const fit = () => {
      const el = review.current;
      if (!el) return;
      const top = el.getBoundingClientRect().top + window.scrollY;
      setHeight(Math.max(MIN_PANE, Math.floor(window.innerHeight - top - REVIEW_CHROME)));
    };
    fit();
    window.addEventListener('resize', fit);
    const observer = typeof ResizeObserver === 'function' && above.current ? new ResizeObserver(fit) : null;
    if (observer && above.current) observer.observe(above.current);
    return () => {
      window.removeEventListener('resize', fit);
      observer?.disconnect();
    };
  }, [above, review, ready]);
  return height;
}

export default function DraftReviewPage() {
  const { draftId } = useParams();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Raw | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [editing, setEditing] = useState<EditState | null>(null);
  const [editError, setEditError] = useState<unknown>(null);
  const [publishError, setPublishError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [splitText, setSplitText] = useState('');
  const [msg, holder] = message.useMessage();
  const published = useApi<unknown>('/api/plans', { status: 'published', limit: 200 });
  const aboveRef = useRef<HTMLDivElement>(null);
  const reviewRef = useRef<HTMLElement>(null);
  const tableRef = useRef<HTMLElement>(null);

  /** Run a draft edit, reload the draft, and show the error where the user acted. */
  const edit = async (name: string, fn: () => Promise<unknown>, onError: (e: unknown) => void) => {
    setBusy(name);
    try {
      await fn();
      void msg.success(t.import.saved);
      await load();
      return true;
    } catch (e) {
      onError(e);
      return false;
    } finally {
      setBusy(null);
    }
  };

  const load = useCallback(async () => {
    try {
      setDraft(await api.get<Raw>(`/api/plans/${draftId}`));
      setLoadError(null);
    } catch (e) {
      setLoadError(e);
    }
  }, [draftId]);
  useEffect(() => {
    void load();
  }, [load]);

  // The text the spans point into, the text as read from the file and what normalisation removed:
  // the server reads the original file again (txt, html, docx, pdf, xlsx, csv alike).
  const [source, setSource] = useState<PlanSource | null | 'none' | 'not-allowed'>(null);
  const fileId = draft && isObj(draft.file) ? str(draft.file.id) : null;
  const hasDraft = !!draft;
  // The source view is the coordinator's (plan.edit); others may still download the original file.
  const canReview = !!draft && Array.isArray(draft.actions) && draft.actions.includes('plan.edit');
  useEffect(() => {
    if (!hasDraft) return;
    if (!canReview) {
      setSource('not-allowed');
      return;
    }
    let live = true;
    api
      .get<PlanSource>(`/api/plans/${draftId}/source`)
      .then((s) => live && setSource(s.text ? s : 'none'))
      .catch(() => live && setSource('none'));
    return () => {
      live = false;
    };
    // Only when the file changes: edits to tasks do not change the text.
  }, [draftId, fileId, hasDraft, canReview]);
  const plan = useMemo(() => {
    if (!draft) return null;
    const fromServer = toParsedPlan(draft);
    if (source && typeof source === 'object')
      return { ...fromServer, text: source.text, removed: source.removed as ParsedPlan['removed'] };
    return fromServer;
  }, [draft, source]);
  const tasks = useMemo(() => (draft ? draftTasks(draft) : []), [draft]);
  const actions = useMemo(
    () => (draft && Array.isArray(draft.actions) ? draft.actions.map(String) : []),
    [draft],
  );
  const unresolved = draft ? listOf(draft.proposedUnits).length : 0;
  const unassigned = tasks.filter((task) => !task.units.length).length;
  const status = draft ? str(draft.status) : null;

  const paneHeight = useFittedPaneHeight(aboveRef, reviewRef, !!draft && !!source);
  const goToTable = () => {
    tableRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    tableRef.current?.focus({ preventScroll: true });
  };

  const saveTask = async () => {
    if (!editing) return;
    if (editing.units.some((u) => !u.unitId)) {
      setEditError(new ApiError(400, 'client.unit_missing', t.import.unitMissing));
      return;
    }
    setBusy('save');
    setEditError(null);
    try {
      await api.patch(`/api/tasks/${editing.task.id}`, {
        version: editing.task.version ?? num(draft?.version),
        deadlineText: editing.deadlineText.trim() || null,
        units: editing.units.map((u) => ({ unitId: u.unitId, role: u.role })),
      });
      setEditing(null);
      void msg.success(t.import.saved);
      await load();
    } catch (e) {
      // The dialog stays open with what the user chose.
      setEditError(e);
      if (e instanceof ApiError && e.isConflict) await load();
    } finally {
      setBusy(null);
    }
  };

  const publish = async () => {
    setBusy('publish');
    setPublishError(null);
    try {
      const r = await api.post<Raw>(
        `/api/plans/${draftId}/publish`,
        { version: num(draft?.version) },
        { headers: { 'idempotency-key': crypto.randomUUID() } },
      );
      void msg.success(t.import.published);
      const id = (isObj(r) && (str(r.id) ?? (isObj(r.plan) ? str(r.plan.id) : null))) || draftId;
      void navigate(`/plans/${id}`);
    } catch (e) {
      setPublishError(e);
    } finally {
      setBusy(null);
    }
  };

  if (loadError) return <ErrorAlert error={loadError} onRetry={() => void load()} />;
  if (!draft || !plan) return <Skeleton active />;

  return (
    <>
      {holder}
      <div ref={aboveRef}>
        <PageTitle
          title={plan.title ?? t.app.untitledPlan}
          sub={`${t.import.title} · ${t.status.plan[status ?? 'draft'] ?? status}`}
          extra={
            <Flex gap={8} wrap>
              <Button icon={<TableOutlined />} onClick={goToTable}>
                {t.import.toTaskTable(tasks.length)}
              </Button>
              {actions.includes('plan.publish') ? (
                <Popconfirm
                  title={t.import.publishConfirm}
                  okText={t.import.publish}
                  cancelText={t.app.cancel}
                  onConfirm={() => void publish()}
                >
                  <Button type="primary" icon={<SendOutlined />} loading={busy === 'publish'}>
                    {t.import.publish}
                  </Button>
                </Popconfirm>
              ) : null}
            </Flex>
          }
        />
        <ErrorAlert error={publishError} />
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 2, lg: 4 }}
          style={{ background: '#fff', marginBottom: 12 }}
          items={[
            { key: 'no', label: t.import.docNumber, children: plan.docNumber ?? '—' },
            { key: 'issuer', label: t.import.issuer, children: plan.issuer ?? '—' },
            { key: 'date', label: t.import.date, children: plan.date ?? '—' },
            { key: 'kind', label: t.import.kind, children: t.import.planKinds[plan.kind] ?? plan.kind },
            {
              key: 'upstream',
              label: t.import.upstream,
              span: 'filled',
              children: (
                <Select
                  aria-label={t.import.upstream}
                  allowClear
                  disabled={!actions.includes('plan.edit')}
                  placeholder={t.import.upstreamPlaceholder}
                  style={{ width: '100%', maxWidth: 520 }}
                  value={str(draft.upstreamPlanId) ?? undefined}
                  options={listOf(published.data).map((p) => ({
                    value: str(p.id) ?? '',
                    label: str(p.title) ?? '',
                  }))}
                  onChange={(v?: string) =>
                    void edit(
                      'upstream',
                      () =>
                        api.patch(`/api/plans/${draftId}`, {
                          version: num(draft.version),
                          upstreamPlanId: v ?? null,
                        }),
                      setPublishError,
                    )
                  }
                />
              ),
            },
          ]}
        />
        {unresolved || unassigned ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={[
              unresolved ? t.import.unresolvedCount(unresolved) : null,
              unassigned ? t.import.unassignedCount(unassigned) : null,
            ]
              .filter(Boolean)
              .join('；')}
          />
        ) : null}
        {draft.revisesPlanId ? (
          <RevisionDiff planId={draftId ?? ''} canApply={actions.includes('plan.publish')} />
        ) : null}
      </div>
      <section ref={reviewRef} aria-label={t.import.reviewSection} style={{ marginBottom: 16 }}>
        {source === null ? <Skeleton active /> : null}
        {source === 'none' || source === 'not-allowed' ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 8 }}
            title={source === 'none' ? t.import.noSourceText : t.import.sourceForCoordinators}
            action={
              fileId ? <a href={`/api/plans/${draftId}/file`}>{t.import.downloadOriginal}</a> : undefined
            }
          />
        ) : null}
        {source && typeof source === 'object' ? (
          <ReviewPane
            plan={plan}
            originalText={source.original}
            selectedTask={selected}
            onSelectTask={setSelected}
            height={paneHeight}
          />
        ) : null}
      </section>
      <section ref={tableRef} id="draft-tasks" tabIndex={-1} aria-label={t.import.taskTable}>
        {actions.includes('plan.edit') ? (
          <ProposedUnits
            units={listOf(draft.proposedUnits).map((u) => ({ id: str(u.id) ?? '', name: str(u.name) ?? '' }))}
            onChanged={() => void load()}
          />
        ) : null}
        {actions.includes('plan.edit') ? (
          <Flex gap={8} align="center" style={{ marginBottom: 8 }}>
            <Button
              disabled={picked.length < 2}
              loading={busy === 'merge'}
              onClick={() =>
                void edit(
                  'merge',
                  () =>
                    api.post(`/api/plans/${draftId}/tasks/merge`, {
                      taskIds: tasks.filter((x) => picked.includes(x.id)).map((x) => x.id),
                    }),
                  setPublishError,
                ).then((ok) => ok && setPicked([]))
              }
            >
              {t.import.mergeSelected(picked.length)}
            </Button>
            <span style={{ color: '#8c8c8c' }}>{t.import.mergeHint}</span>
          </Flex>
        ) : null}
        <Table<DraftTask>
          rowKey="id"
          size="small"
          virtual
          rowSelection={
            actions.includes('plan.edit')
              ? { selectedRowKeys: picked, onChange: (keys) => setPicked(keys.map(String)) }
              : undefined
          }
          dataSource={tasks}
          pagination={false}
          scroll={{ x: 1000, y: 300 }}
          onRow={(r) => ({
            onClick: () => setSelected(r.index),
            // Keyboard users select a row the same way: Tab to it, Enter or Space.
            tabIndex: 0,
            'aria-selected': r.index === selected,
            onKeyDown: (e) => {
              if (e.target === e.currentTarget && (e.key === 'Enter' || e.key === ' ')) {
                e.preventDefault();
                setSelected(r.index);
              }
            },
            style: { cursor: 'pointer', background: r.index === selected ? '#e6f4ff' : undefined },
          })}
          footer={() => t.import.taskCount(tasks.length)}
          columns={[
            { title: t.plans.number, dataIndex: 'path', width: 110 },
            { title: t.import.tasks, dataIndex: 'text', ellipsis: true },
            {
              title: t.plans.units,
              key: 'units',
              width: 360,
              render: (_, r) =>
                r.units.length ? (
                  r.units.map((u, i) => <UnitTag key={i} u={u} />)
                ) : (
                  <Tag color="red">{t.import.unassigned}</Tag>
                ),
            },
            { title: t.import.deadline, dataIndex: 'deadlineText', width: 130 },
            {
              title: '',
              key: 'edit',
              width: 90,
              render: (_, r) =>
                actions.includes('plan.edit') || r.actions.includes('task.edit') ? (
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    onClick={(e) => {
                      e.stopPropagation();
                      setEditError(null);
                      setEditing({
                        task: r,
                        units: r.units.map((u) => ({ ...u })),
                        deadlineText: r.deadlineText ?? '',
                      });
                    }}
                  >
                    {t.app.edit}
                  </Button>
                ) : null,
            },
          ]}
        />
      </section>
      <Modal
        open={!!editing}
        width={760}
        title={editing ? `${t.app.edit} ${editing.task.path}` : ''}
        okText={t.app.save}
        cancelText={t.app.cancel}
        okButtonProps={{ loading: busy === 'save' }}
        onOk={() => void saveTask()}
        onCancel={() => setEditing(null)}
      >
        {editing ? <TaskEditor state={editing} onChange={setEditing} /> : null}
        {editing ? (
          <details style={{ marginTop: 12 }}>
            <summary style={{ cursor: 'pointer' }}>{t.import.splitTask}</summary>
            <p style={{ color: '#8c8c8c', margin: '4px 0' }}>{t.import.splitHint}</p>
            <Input.TextArea
              aria-label={t.import.splitTask}
              value={splitText || editing.task.text}
              onChange={(e) => setSplitText(e.target.value)}
              autoSize={{ minRows: 4, maxRows: 12 }}
            />
            <Button
              style={{ marginTop: 8 }}
              loading={busy === 'split'}
              disabled={(splitText || editing.task.text).split(/\n\s*\n/).filter((x) => x.trim()).length < 2}
              onClick={() =>
                void edit(
                  'split',
                  () =>
                    api.post(`/api/tasks/${editing.task.id}/split`, {
                      parts: splitText
                        .split(/\n\s*\n/)
                        .map((x) => x.trim())
                        .filter(Boolean),
                    }),
                  setEditError,
                ).then((ok) => {
                  if (ok) {
                    setSplitText('');
                    setEditing(null);
                  }
                })
              }
            >
              {t.import.splitTask}
            </Button>
          </details>
        ) : null}
        <ErrorAlert error={editError} />
      </Modal>
    </>
  );
}
