import type { CadencePeriod } from '../types.js';
import { sentencesWith } from '../text/sentences.js';

export interface CadenceDraft {
  period: CadencePeriod;
  what: string;
  to: string | null;
  start: number;
  end: number;
}

const PERIOD = /(每月|按月|月度|每个月|月调度|月通报|月报|每季度|每季|按季度?|季度|季调度|季通报|季报|每半年|半年|每年|年度|每周|每旬|每两个月|双月)/g;
const VERB = /报送|报告|上报|通报|汇报|调度|汇总|提交|报|会商|督查|督办|评估|考核|召开|讲评|点评/;
const RECIPIENT = /(?:报送?|报告|上报|提交|汇报)(?:至|给|到)?([\u4e00-\u9fa5]{2,24}?(?:办公室|办公厅|督查室|小组|委员会|发改委|委|局|厅|部|政府|中心|办))|向([\u4e00-\u9fa5、]{2,40}?(?:办公室|办公厅|督查室|小组|委员会|委|局|厅|部|政府|中心|政协|人大|办))(?:报送|报告|汇报|上报|提交|报)/;

function periodOf(token: string): CadencePeriod {
  if (/半年/.test(token)) return 'half-yearly';
  if (/季/.test(token)) return 'quarterly';
  if (/月/.test(token) && !/两个月|双月/.test(token)) return 'monthly';
  if (/年/.test(token)) return 'yearly';
  return 'other';
}

/** Reporting cadences: 每季度报送…, 每半年报省发改委汇总, 月调度、季通报. */
export function extractCadences(printed: string, canon: string): CadenceDraft[] {
  const out: CadenceDraft[] = [];
  // Only sentences holding a period word are read.
  // A copy: the loop below reads PERIOD itself.
  for (const s of sentencesWith(canon, new RegExp(PERIOD.source), '。；\n')) {
    const sentence = s.text;
    if (!VERB.test(sentence)) continue;
    for (const m of sentence.matchAll(PERIOD)) {
      const after = sentence.slice(m.index + m[0].length);
      const token = m[0];
      // "年度" only counts when followed by a reporting verb (年度报告), not 年度目标.
      const clause = /^[^，。；]*/.exec(after)![0];
      const selfVerb = /调度|通报|月报|季报/.test(token);
      if (!selfVerb && !VERB.test(clause)) continue;
      if (/^(?:度)?(?:目标|任务|计划|工作目标|考核目标)/.test(after) && !VERB.test(clause.slice(0, 6))) continue;
      const at = s.index + m.index;
      const whatCanon = selfVerb ? token : (token + clause).trim();
      const what = printed.slice(at, at + whatCanon.length).trim();
      const r = selfVerb ? null : RECIPIENT.exec(token + clause);
      const to = r ? (r[1] ?? r[2] ?? null) : null;
      out.push({ period: periodOf(token), what, to, start: at, end: at + whatCanon.length });
    }
  }
  return out;
}
