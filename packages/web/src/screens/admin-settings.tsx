/** 管理: reporting cycles and their windows per plan, and the light rules. */
import { Button, Flex, InputNumber, Select, Switch, message } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { useApi } from '../api/hooks';
import { useSession } from '../app/session';
import { ErrorAlert } from '../components/ErrorAlert';
import { t } from '../i18n/zh-CN';
import { listOf, num, str } from './import-model';

type Raw = Record<string, unknown>;

function CycleRow({ c, onSaved }: { c: Raw; onSaved: () => void }) {
  const { can } = useSession();
  const [due, setDue] = useState(num(c.dueDaysAfter) ?? 0);
  const [windowDays, setWindow] = useState(num(c.windowDays) ?? 0);
  const [signoff, setSignoff] = useState(c.leaderSignoff === true);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const editable = can('cycle.edit');
  return (
    <tr>
      <td>{t.admin.periods[str(c.period) ?? ''] ?? str(c.period)}</td>
      <td>{str(c.what)}</td>
      <td>
        <InputNumber aria-label={t.admin.dueDaysAfter} min={0} max={60} value={due} onChange={(v) => setDue(v ?? 0)} disabled={!editable} />
      </td>
      <td>
        <InputNumber aria-label={t.admin.window} min={1} max={90} value={windowDays} onChange={(v) => setWindow(v ?? 1)} disabled={!editable} />
      </td>
      <td>
        <Switch aria-label={t.admin.leaderSignoff} checked={signoff} onChange={setSignoff} disabled={!editable} />
      </td>
      <td>
        {editable ? (
          <Button
            size="small"
            loading={busy}
            onClick={() => void (async () => {
              setBusy(true);
              setError(null);
              try {
                await api.patch(`/api/cycles/${str(c.id)}`, { version: num(c.version), dueDaysAfter: due, windowDays, leaderSignoff: signoff });
                onSaved();
              } catch (e) {
                setError(e);
              } finally {
                setBusy(false);
              }
            })()}
          >
            {t.app.save}
          </Button>
        ) : null}
        <ErrorAlert error={error} />
      </td>
    </tr>
  );
}

export function Cycles() {
  const plans = useApi<unknown>('/api/plans', { status: 'published', limit: 200 });
  const [planId, setPlanId] = useState<string | null>(null);
  const first = str(listOf(plans.data)[0]?.id);
  const current = planId ?? first ?? null;
  const cycles = useApi<unknown>(current ? `/api/plans/${current}/cycles` : null);
  return (
    <>
      <ErrorAlert error={plans.error ?? cycles.error} onRetry={() => { plans.reload(); cycles.reload(); }} />
      <Select aria-label={t.plans.list} style={{ minWidth: 360, marginBottom: 12 }} value={current ?? undefined} onChange={setPlanId} options={listOf(plans.data).map((p) => ({ value: str(p.id) ?? '', label: str(p.title) ?? '' }))} />
      <div style={{ overflowX: 'auto', background: '#fff', border: '1px solid #e8e8e8', borderRadius: 6 }}>
        <table className="public-table">
          <thead>
            <tr>
              <th scope="col">{t.admin.period}</th>
              <th scope="col">{t.admin.cycleWhat}</th>
              <th scope="col">{t.admin.dueDaysAfter}</th>
              <th scope="col">{t.admin.window}</th>
              <th scope="col">{t.admin.leaderSignoff}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {listOf(cycles.data).map((c) => (
              <CycleRow key={`${str(c.id)}-${num(c.version)}`} c={c} onSaved={cycles.reload} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

const NUMBER_RULES: [string, number, number][] = [
  ['deadlineWarnDays', 0, 365],
  ['gapYellow', 0, 100],
  ['gapRed', 0, 100],
  ['returnedTimes', 0, 20],
  ['assignmentWorkingDays', 1, 30],
];
const SWITCH_RULES = ['overdueReportRed', 'reportedTroubleYellow'];

export function LightRules() {
  const { can } = useSession();
  const rules = useApi<Raw>('/api/supervision/rules');
  const [draft, setDraft] = useState<Raw | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [msg, holder] = message.useMessage();
  useEffect(() => {
    if (rules.data) setDraft(rules.data);
  }, [rules.data]);
  const editable = can('light.rules');
  if (rules.error) return <ErrorAlert error={rules.error} onRetry={rules.reload} />;
  if (!draft) return null;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 640, background: '#fff', border: '1px solid #e8e8e8', borderRadius: 6, padding: 16 }}>
      {holder}
      {NUMBER_RULES.map(([key, min, max]) => (
        <Flex key={key} justify="space-between" align="center" gap={12}>
          <label htmlFor={`rule-${key}`}>{t.admin.rules[key]}</label>
          <InputNumber id={`rule-${key}`} min={min} max={max} value={num(draft[key])} disabled={!editable} onChange={(v) => setDraft({ ...draft, [key]: v ?? min })} />
        </Flex>
      ))}
      {SWITCH_RULES.map((key) => (
        <Flex key={key} justify="space-between" align="center" gap={12}>
          <span id={`rule-${key}`}>{t.admin.rules[key]}</span>
          <Switch aria-labelledby={`rule-${key}`} checked={draft[key] === true} disabled={!editable} onChange={(v) => setDraft({ ...draft, [key]: v })} />
        </Flex>
      ))}
      <ErrorAlert error={error} />
      {editable ? (
        <div>
          <Button
            type="primary"
            loading={busy}
            onClick={() => void (async () => {
              setBusy(true);
              setError(null);
              try {
                await api.put('/api/supervision/rules', draft);
                void msg.success(t.admin.rulesSaved);
                rules.reload();
              } catch (e) {
                setError(e);
              } finally {
                setBusy(false);
              }
            })()}
          >
            {t.app.save}
          </Button>
        </div>
      ) : null}
    </Flex>
  );
}
