import type { LeadingGroupMember } from '../types.js';
import type { Block } from '../stages/segment.js';

export interface MemberDraft extends Omit<LeadingGroupMember, 'span'> {
  start: number;
  end: number;
}

const ROLE_LABEL = /^(常务副组长|副组长|组长|成员|办公室主任|办公室副主任|秘书长|副秘书长|主任|副主任)\s*[：]\s*/;
const roleOf = (label: string): LeadingGroupMember['role'] => {
  if (/副组长|副主任/.test(label) && !/办公室/.test(label)) return 'deputy';
  if (/组长|^主任$/.test(label)) return 'leader';
  if (/办公室主任/.test(label)) return 'office-director';
  if (/成员/.test(label)) return 'member';
  return 'other';
};

/** A person line: 陈劲超??市委常委、市人民政府常务副市长 / 张三（市发改委主任）/ 张三 市发改委主任. */
function person(line: string): { name: string; title: string } | null {
  const m = /^([\u4e00-\u9fa5·]{2,4}?)(?:[\s?？、，：]+|[（])(.{2,60}?)[）]?$/.exec(line.trim());
  if (m) return { name: m[1]!, title: m[2]!.replace(/^[\s?？]+/, '').trim() };
  const t = line.trim();
  if (t.length >= 3 && t.length <= 40 && !/[。；]/.test(t)) return { name: '', title: t };
  return null;
}

/** The leading group: labelled member lists, and sentences such as 由X任组长、Y任副组长. */
export function extractLeadingGroup(printed: string, canon: string, blocks: Block[]): MemberDraft[] {
  const out: MemberDraft[] = [];
  let role: LeadingGroupMember['role'] | null = null;
  for (const b of blocks) {
    if (b.type !== 'para') {
      role = null;
      continue;
    }
    const c = canon.slice(b.start, b.end);
    const p = printed.slice(b.start, b.end);
    const label = ROLE_LABEL.exec(c);
    if (label) {
      role = roleOf(label[1]!);
      const rest = p.slice(label[0].length);
      for (const part of rest.split(/[；;]/)) {
        const who = person(part);
        if (who) out.push({ ...who, role, start: b.start, end: b.end });
      }
      continue;
    }
    if (role && c.length <= 60 && !/[。；：]/.test(c)) {
      const who = person(p);
      if (who && who.name) {
        out.push({ ...who, role, start: b.start, end: b.end });
        continue;
      }
    }
    role = null;
    if (!c.includes('组长') && !c.includes('办公室主任')) continue;
    // Sentence forms.
    const leader = /由([^，。；]{2,40}?)(?:担?任|为)组长/.exec(c);
    if (leader) out.push({ name: '', title: printed.slice(b.start + leader.index + 1, b.start + leader.index + 1 + leader[1]!.length), role: 'leader', start: b.start, end: b.end });
    const deputy = /[，、]([^，。；由]{2,60}?)(?:担?任|为)副组长/.exec(c);
    if (deputy) {
      const at = b.start + deputy.index + 1;
      const list = printed.slice(at, at + deputy[1]!.length);
      for (const t of list.split('、')) if (t.trim()) out.push({ name: '', title: t.trim(), role: 'deputy', start: b.start, end: b.end });
    }
    const office = /办公室主任由([\u4e00-\u9fa5·]{2,4}?)(?:同志)?兼任/.exec(c);
    if (office) out.push({ name: office[1]!, title: '', role: 'office-director', start: b.start, end: b.end });
  }
  return out;
}
