/**
 * 填报 and 审核 of one report: the unit fills the form (drafts save themselves), submits, the
 * leader signs; the coordinator accepts or returns with a reason. Buttons follow the report's
 * allowed actions from the server.
 */
import {
  Alert,
  Button,
  Col,
  Descriptions,
  Flex,
  Input,
  Modal,
  Row,
  Skeleton,
  Space,
  Tag,
  message,
} from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageTitle } from '../components/PageTitle';
import { EMPTY_REPORT, ReportForm, type ReportValues } from '../components/report/ReportForm';
import { t } from '../i18n/zh-CN';
import { useAutosave } from '../lib/autosave';
import { isObj, listOf, num, str } from './import-model';
import { ReportHistory } from '../components/report/ReportHistory';
import { Attachments, type Attachment } from '../components/report/Attachments';
import { consolidate } from '../components/report/consolidate';

type Raw = Record<string, unknown>;

/** The editable values of a report body (or of its previous period for prefilling). */
export function valuesOf(r: Raw | null | undefined): ReportValues {
  if (!r) return EMPTY_REPORT;
  const c = isObj(r.content) ? r.content : isObj(r.values) ? r.values : r;
  return {
    status: str(c.workStatus) ?? str(c.progressStatus) ?? null,
    percent: num(c.percent) ?? num(c.progress),
    done: str(c.done) ?? str(c.achievements) ?? '',
    problems: str(c.problems) ?? '',
    nextSteps: str(c.nextSteps) ?? str(c.plans) ?? '',
    indicators: listOf(c.indicators ?? c.indicatorValues).map((i) => ({
      indicatorId: str(i.indicatorId) ?? str(i.id) ?? '',
      name: str(i.name) ?? '',
      unit: str(i.unit),
      value: num(i.value),
    })),
  };
}

function bodyOf(v: ReportValues) {
  return {
    workStatus: v.status,
    percent: v.percent,
    done: v.done,
    problems: v.problems,
    nextSteps: v.nextSteps,
    indicators: v.indicators.map((i) => ({ indicatorId: i.indicatorId, value: i.value })),
  };
}

/**
 * The indicators a report carries values for, named from the plan: those already in the report,
 * plus the plan's indicators the unit is responsible for (to be filled in).
 */
async function indicatorsFor(
  r: Raw,
  current: ReportValues['indicators'],
): Promise<ReportValues['indicators']> {
  const planId = str(r.planId);
  if (!planId) return current;
  const plan = await api.get<Raw>(`/api/plans/${planId}`).catch(() => null);
  const defs = listOf(plan?.indicators);
  if (!defs.length) return current;
  const unitId = str(r.unitId);
  const byId = new Map(current.map((i) => [i.indicatorId, i]));
  const mine = defs.filter(
    (d) =>
      byId.has(str(d.id) ?? '') ||
      (Array.isArray(d.responsibleUnitIds) && d.responsibleUnitIds.map(String).includes(unitId ?? '')),
  );
  return mine.map((d) => ({
    indicatorId: str(d.id) ?? '',
    name: str(d.name) ?? '',
    unit: str(d.unit),
    value: byId.get(str(d.id) ?? '')?.value ?? null,
  }));
}

export default function ReportPage() {
  const { reportId } = useParams();
  const [report, setReport] = useState<Raw | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [values, setValues] = useState<ReportValues>(EMPTY_REPORT);
  const [theirs, setTheirs] = useState<Partial<ReportValues> | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const version = useRef<number | null>(null);
  const [baseline, setBaseline] = useState<ReportValues | null>(null);
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [msg, holder] = message.useMessage();

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const r = await api.get<Raw>(`/api/reports/${reportId}`);
      setReport(r);
      setAttachments(listOf(r.attachments) as unknown as Attachment[]);
      version.current = num(r.version);
      const own = valuesOf(r);
      const empty = !own.done && !own.problems && !own.nextSteps && own.percent === null;
      const start = empty && isObj(r.previous) ? valuesOf(r.previous) : own;
      const loaded = { ...start, indicators: await indicatorsFor(r, start.indicators) };
      setValues(loaded);
      setBaseline(loaded);
      return r;
    } catch (e) {
      setLoadError(e);
      return null;
    }
  }, [reportId]);

  useEffect(() => {
    void load();
  }, [load]);

  const actions = useMemo(
    () => (report && Array.isArray(report.actions) ? report.actions.map(String) : []),
    [report],
  );
  const editable = actions.includes('report.edit') || actions.includes('report.submit');

  const save = useCallback(
    async (v: ReportValues) => {
      const r = await api.put<Raw>(`/api/reports/${reportId}`, { ...bodyOf(v), version: version.current });
      if (r && num(r.version) !== null) version.current = num(r.version);
    },
    [reportId],
  );
  const autosave = useAutosave(values, save, { enabled: editable && !!report && baseline !== null });
  const { markSaved } = autosave;
  // What was loaded (or prefilled from the last period) is not saved again until the user edits it.
  useEffect(() => {
    if (baseline) markSaved(baseline);
  }, [baseline, markSaved]);

  // On a stale save, fetch the newer version to show beside the user's text (which stays in the form).
  useEffect(() => {
    if (autosave.state !== 'conflict') return;
    const body = autosave.error?.body;
    const current =
      isObj(body) && isObj(body.details) && isObj(body.details.current) ? body.details.current : null;
    if (current) {
      setTheirs(valuesOf(current));
      if (num(current.version) !== null) version.current = num(current.version);
      return;
    }
    void api.get<Raw>(`/api/reports/${reportId}`).then((r) => {
      setTheirs(valuesOf(r));
      version.current = num(r.version);
    });
  }, [autosave.state, autosave.error, reportId]);

  const act = async (name: string, path: string, body: unknown = {}) => {
    setBusy(name);
    setActionError(null);
    try {
      if (editable && !(await autosave.flush()))
        throw autosave.error ?? new ApiError(0, 'unknown', t.errors.unknown);
      const r = await api.post<Raw>(path, { version: version.current, ...(body as object) });
      if (r && isObj(r) && 'id' in r) {
        setReport(r);
        version.current = num(r.version);
      } else await load();
      return true;
    } catch (e) {
      setActionError(e);
      return false;
    } finally {
      setBusy(null);
    }
  };

  if (loadError) return <ErrorAlert error={loadError} onRetry={() => void load()} />;
  if (!report) return <Skeleton active />;

  const task = isObj(report.task) ? report.task : {};
  const status = str(report.status) ?? '';
  const returnReason = str(report.returnReason) ?? (isObj(report.review) ? str(report.review.reason) : null);
  const coInputs = listOf(report.coUnitInputs ?? report.contributions);

  return (
    <>
      {holder}
      <PageTitle
        title={editable ? t.report.title : t.report.readTitle}
        sub={
          <Space wrap>
            <Link to={`/tasks/${str(task.id) ?? str(report.taskId)}`}>
              {[str(task.path), str(task.title) ?? str(task.text)?.slice(0, 40)].filter(Boolean).join(' ')}
            </Link>
            <Tag
              data-testid="report-status"
              color={status === 'returned' ? 'red' : status === 'accepted' ? 'green' : 'blue'}
            >
              {str(report.statusLabel) ?? t.status.report[status] ?? status}
            </Tag>
          </Space>
        }
      />
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 3 }}
        style={{ background: '#fff', marginBottom: 16 }}
        items={[
          { key: 'unit', label: t.admin.unit, children: str(report.unitName) ?? '—' },
          {
            key: 'period',
            label: t.report.period,
            children: str(report.periodLabel) ?? str(report.period) ?? '—',
          },
          { key: 'due', label: t.report.due, children: str(report.dueDate)?.slice(0, 10) ?? '—' },
        ]}
      />
      {status === 'returned' && returnReason ? (
        <Alert
          type="error"
          showIcon
          title={t.report.returnedBanner(returnReason)}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {report.locked === true && ['pending', 'draft', 'returned'].includes(status) ? (
        <Alert type="warning" showIcon role="alert" title={t.report.lockedBanner(str(report.lockDate) ?? '')} style={{ marginBottom: 16 }} />
      ) : null}
      {!report.isLead && editable ? (
        <Alert type="info" showIcon title={t.report.coUnitNote} style={{ marginBottom: 16 }} />
      ) : null}
      {actions.includes('report.sign') ? (
        <Alert type="info" showIcon title={t.report.signHint} style={{ marginBottom: 16 }} />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={coInputs.length ? 15 : 24}>
          <div style={{ background: '#fff', padding: 16, borderRadius: 6, border: '1px solid #e8e8e8' }}>
            <ReportForm
              value={values}
              onChange={setValues}
              readOnly={!editable}
              autosave={editable ? autosave : undefined}
              prefilled={editable && isObj(report.previous) && !str(valuesOf(report).done)}
              theirs={theirs}
              onKeepMine={() => {
                setTheirs(null);
                autosave.resume();
              }}
              onUseTheirs={() => {
                if (theirs) setValues({ ...values, ...theirs });
                setTheirs(null);
                autosave.resume();
              }}
            />
            <Attachments
              reportId={reportId ?? ''}
              items={attachments}
              canAttach={actions.includes('report.attach')}
              onAdded={(a) => setAttachments((l) => [...l, a])}
              onRemoved={(id) => setAttachments((l) => l.filter((x) => x.id !== id))}
            />
            <ErrorAlert error={actionError} />
            <Flex gap={8} wrap className="no-print">
              {STEPS.filter((step) => actions.includes(`report.${step.name}`)).map((step) => (
                <Button
                  key={step.name}
                  type="primary"
                  size="large"
                  loading={busy === step.name}
                  disabled={step.name === 'submit' && !values.done.trim()}
                  onClick={() =>
                    void (async () => {
                      if (await act(step.name, `/api/reports/${reportId}/${step.name}`))
                        void msg.success(step.done);
                    })()
                  }
                >
                  {step.label}
                </Button>
              ))}
              {actions.includes('report.return') ? (
                <Button danger size="large" onClick={() => setReturning(true)}>
                  {t.report.return}
                </Button>
              ) : null}
            </Flex>
          </div>
        </Col>
        {coInputs.length ? (
          <Col xs={24} xl={9}>
            <CoUnitPanel
              inputs={coInputs}
              canConsolidate={editable}
              onConsolidate={() => {
                const { values: next, added } = consolidate(
                  values,
                  coInputs
                    .filter((c) => !['pending', 'draft'].includes(str(c.status) ?? ''))
                    .map((c) => ({ unitName: str(c.unitName) ?? '', ...pick(valuesOf(c)) })),
                );
                setValues(next);
                if (added) void msg.success(t.report.consolidatedDone(added));
                else void msg.info(t.report.consolidatedNothing);
              }}
            />
          </Col>
        ) : null}
      </Row>
      <Modal
        open={returning}
        title={t.report.return}
        okText={t.report.return}
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: busy === 'return' }}
        cancelText={t.app.cancel}
        onCancel={() => setReturning(false)}
        onOk={() =>
          void (async () => {
            if (await act('return', `/api/reports/${reportId}/return`, { reason: reason.trim() })) {
              setReturning(false);
              void msg.success(t.report.returned);
            }
          })()
        }
      >
        <label htmlFor="return-reason">{t.report.returnReason}</label>
        <Input.TextArea
          id="return-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t.report.returnReasonPlaceholder}
          autoSize={{ minRows: 3 }}
        />
        {!reason.trim() ? (
          <div style={{ color: '#8c8c8c', marginTop: 4 }}>{t.report.returnReasonRequired}</div>
        ) : null}
      </Modal>
      {listOf(report.history).length ? (
        <section style={{ marginTop: 24 }}>
          <h3>{t.report.history}</h3>
          <ReportHistory reports={listOf(report.history)} />
        </section>
      ) : null}
    </>
  );
}

/** The workflow steps a report's buttons take, shown when the server allows them. */
const STEPS = [
  { name: 'submit', label: t.report.submit, done: t.report.submitted },
  { name: 'sign', label: t.report.sign, done: t.report.signedDone },
  { name: 'accept', label: t.report.accept, done: t.report.accepted },
] as const;

const pick = (v: ReportValues) => ({ done: v.done, problems: v.problems, nextSteps: v.nextSteps });

/** The co-units' inputs beside the lead unit's own report, with the step that consolidates them. */
function CoUnitPanel({
  inputs,
  canConsolidate,
  onConsolidate,
}: {
  inputs: Raw[];
  canConsolidate: boolean;
  onConsolidate: () => void;
}) {
  return (
    <section
      aria-labelledby="co-unit-inputs"
      style={{ background: '#fffbe6', border: '1px solid #ffe58f', borderRadius: 6, padding: 12 }}
      data-testid="co-unit-inputs"
    >
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <h2 id="co-unit-inputs" style={{ margin: 0, fontSize: 15, fontWeight: 600 }}>
          {t.report.coUnitInputs}
        </h2>
        {canConsolidate ? (
          <Button type="primary" ghost onClick={onConsolidate}>
            {t.report.consolidate}
          </Button>
        ) : null}
      </Flex>
      {canConsolidate ? (
        <p style={{ margin: '0 0 8px', color: '#595959' }}>{t.report.consolidateHint}</p>
      ) : null}
      <Flex vertical gap={8}>
        {inputs.map((c) => {
          const v = valuesOf(c);
          const status = str(c.status) ?? 'pending';
          const reported = !['pending', 'draft'].includes(status);
          return (
            <article
              key={str(c.id)}
              style={{ background: '#fff', border: '1px solid #f0f0f0', borderRadius: 4, padding: 10 }}
              data-testid="co-unit-input"
            >
              <Flex gap={8} wrap align="center">
                <strong>{str(c.unitName)}</strong>
                <Tag color={reported ? 'green' : 'default'}>
                  {str(c.statusLabel) ?? t.status.report[status] ?? status}
                </Tag>
                {reported && v.percent !== null ? (
                  <span>
                    {t.report.percent}：{v.percent}
                  </span>
                ) : null}
                {reported && v.status ? <span>{t.status.progress[v.status] ?? v.status}</span> : null}
              </Flex>
              {reported ? (
                <dl style={{ margin: '6px 0 0' }}>
                  {(['done', 'problems', 'nextSteps'] as const).map((f) =>
                    v[f] ? (
                      <div key={f}>
                        <dt style={{ color: '#595959', display: 'inline' }}>{t.report[f]}：</dt>
                        <dd style={{ display: 'inline', margin: 0, whiteSpace: 'pre-wrap' }}>{v[f]}</dd>
                      </div>
                    ) : null,
                  )}
                </dl>
              ) : (
                <p style={{ margin: '6px 0 0', color: '#8c8c8c' }}>{t.report.coUnitNotYet}</p>
              )}
            </article>
          );
        })}
      </Flex>
    </section>
  );
}
