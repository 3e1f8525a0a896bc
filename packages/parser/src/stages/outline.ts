import type { OutlineNodeKind } from '../types.js';
import { annotationLabel, findAnnotations, isAnnotationOnly } from '../extract/annotations.js';
import { makeBody } from '../extract/body.js';
import { garbledMarker, inlineEnumerations, isUnnumberedHeading, recogniseMarker, type Marker } from '../nodes/index.js';
import { alignCells } from './align.js';
import { chineseToNumber } from '../text/numerals.js';
import type { Range, RowBlock, Segmented } from './segment.js';
import type { Stage } from './stage.js';

/** Role of a table column, from its header. */
export type ColumnRole = 'seq' | 'task' | 'content' | 'lead' | 'responsible' | 'cooperating' | 'deadline' | 'progress' | 'target' | 'person' | 'other';

export interface RowCell extends Range {
  role: ColumnRole;
  header: string;
}

/** A node while the outline is being built; frozen into OutlineNode by the resolve stage. */
export interface Draft {
  id: string;
  kind: OutlineNodeKind;
  style: string | null;
  marker: string | null;
  label: string | null;
  value: number;
  /** The node's own paragraph (or row). */
  start: number;
  end: number;
  /** Where the text after the marker starts. */
  textStart: number;
  /** Ranges making up the item's body: its own text and attached unnumbered paragraphs. */
  body: Range[];
  /** Table row cells, for rows under a recognised header. */
  cells: RowCell[] | null;
  children: Draft[];
  parent: Draft | null;
  path: string;
  /** Heading text of the nearest enclosing headings, for section context (主要任务, 发展目标…). */
  context: string;
}

export interface Outlined {
  segmented: Segmented;
  root: Draft;
  /** Every draft in document order. */
  all: Draft[];
  /** Outline warnings (normalised offsets). */
  warnings: Array<{ code: 'outline.skipped-level' | 'outline.restart' | 'table.header-missing'; message: string; at: Range }>;
}

const HEADER_VOCAB: Array<[RegExp, ColumnRole]> = [
  [/^(?:序号|编号|序|No\.?)$/i, 'seq'],
  [/领导|责任人|联系人|分管|经办人|联络员|电话/, 'person'],
  [/牵头/, 'lead'],
  [/配合|协办|参与单位|协同单位/, 'cooperating'],
  [/责任(?:单位|部门|处室|科室|股室|主体)|(?:主办|主责|承办|实施|落实|负责)(?:单位|部门|处室|科室)/, 'responsible'],
  [/时限|完成时间|时间节点|完成期限|进度安排|时间要求/, 'deadline'],
  [/进展|情况|进度|评价|存在问题|备注|说明|是否/, 'progress'],
  [/目标|指标/, 'target'],
  [/具体内容|工作措施|项目内容|主要内容|工作内容|具体措施|任务内容|建设内容|具体任务|主要措施|工作举措|推进措施/, 'content'],
  [/任务|项目名称|重点工作|工作事项|事项|名称|项目|内容/, 'task'],
];

const UNIT_ROLES: Array<[RegExp, ColumnRole]> = HEADER_VOCAB.filter(([, r]) => r === 'lead' || r === 'responsible' || r === 'cooperating');

function columnRole(header: string): ColumnRole {
  const h = header.replace(/\s+/g, '');
  for (const [re, role] of HEADER_VOCAB) {
    if (!re.test(h)) continue;
    if (role === 'lead' || role === 'responsible' || role === 'cooperating') {
      // "责任主体与协同单位": a header naming two roles gives the column the one named first.
      let first: ColumnRole = role;
      let at = Infinity;
      for (const [ure, urole] of UNIT_ROLES) {
        const m = ure.exec(h);
        if (m && m.index < at) {
          at = m.index;
          first = urole;
        }
      }
      return first;
    }
    return role;
  }
  return 'other';
}

const ATTACHMENT_TITLE = /^\s*[^\s。；，：、（）]{2,40}(?:分工表|分解表|任务表|任务清单|责任清单|工作台账|一览表)\s*$/;

/** The usual order of numbering styles below chapters and sections: 一、 > （一） > 1. > （1） > ①. */
const RANK: Record<string, number> = { cn: 1, rcn: 1, pcn: 2, num: 3, rnum: 3, dec2: 3, dec3: 4, pnum: 4, circ: 5 };

const KV_TASK_LINE = /^\s*(?:重点工作|工作任务|重点任务|主要任务|任务名称|具体任务|工作事项|项目名称|工作内容)\s*：\s*(?=\S)/;

const KV_TASK = /^(?:重点工作|工作任务|重点任务|主要任务|任务名称|任务|工作事项|项目名称|工作内容)$/;
/** `牵头单位：` / `责任科室：` / `完成时限：` as the key of a key-value record row (not 牵头 alone). */
const isKvUnit = (key: string) => key.length >= 3 && /^(?:lead|responsible|cooperating|deadline)$/.test(annotationLabel(key) ?? '');

/** segment → outline: nests numbered nodes by the order in which numbering styles first appear. */
export class OutlineStage implements Stage<Segmented, Outlined> {
  run(segmented: Segmented): Outlined {
    const { source, blocks } = segmented;
    const canon = source.canon;
    const printed = source.mapped.text;
    const warnings: Outlined['warnings'] = [];
    let nextId = 0;
    const all: Draft[] = [];
    const make = (kind: OutlineNodeKind, parent: Draft | null, start: number, end: number, marker: Marker | null): Draft => {
      const d: Draft = {
        id: `n${nextId++}`,
        kind,
        style: marker?.style ?? null,
        marker: marker ? marker.printed : null,
        label: marker?.label ?? null,
        value: marker?.value ?? 0,
        start,
        end,
        textStart: start + (marker?.length ?? 0),
        body: [{ start, end }],
        cells: null,
        children: [],
        parent,
        path: '',
        context: '',
      };
      if (parent) {
        parent.children.push(d);
        d.path = marker?.label ? (parent.path ? `${parent.path}/${marker.label}` : marker.label) : parent.path;
        d.context = parent.kind === 'document' ? '' : `${parent.context}|${titleOf(parent)}`;
      }
      all.push(d);
      return d;
    };
    const hasAnnotation = (d: Draft) => {
      const body = makeBody(printed, canon, d.body);
      return findAnnotations(body.printed, body.canon).length > 0;
    };
    const titleOf = (d: Draft) => canon.slice(d.textStart, Math.min(d.end, d.textStart + 40));
    const root = make('document', null, 0, canon.length, null);
    root.body = [];
    /** Open numbered nodes, outermost first. */
    const stack: Draft[] = [];
    const top = () => stack[stack.length - 1] ?? root;
    /** The last numbered node body paragraphs attach to (null after an unnumbered heading). */
    let attach: Draft | null = null;

    const placeMarker = (marker: Marker, start: number, end: number): Draft => {
      let idx = -1;
      if (marker.style === 'chapter') idx = stack.findIndex((d) => d.style === 'chapter');
      for (let i = stack.length - 1; i >= 0 && idx < 0; i--) if (stack[i]!.style === marker.style) idx = i;
      if (marker.style === 'chapter') stack.length = 0;
      else if (idx >= 0) {
        const prev = stack[idx]!;
        if (marker.value > 0 && prev.value > 0 && marker.value !== prev.value + 1) {
          warnings.push({
            code: marker.value <= prev.value ? 'outline.restart' : 'outline.skipped-level',
            message: marker.value <= prev.value ? `编号“${marker.printed}”重新开始或重复，请核对层级。` : `编号从“${prev.marker}”跳到“${marker.printed}”，中间可能有遗漏，请核对。`,
            at: { start, end },
          });
        }
        stack.length = idx;
      } else if (marker.style === 'section') {
        const ch = stack.findIndex((d) => d.style === 'chapter');
        stack.length = ch + 1;
      } else if (RANK[marker.style] && stack.some((d) => RANK[d.style ?? '']) && stack.every((d) => (RANK[d.style ?? ''] ?? 0) === 0 ? d.style === 'chapter' || d.style === 'section' : RANK[d.style ?? '']! > RANK[marker.style]!)) {
        // "4、…" at the start of a page fragment, then "七、…" with "1、" under it: when everything
        // open is of a lower rank in the usual order (一、 > （一） > 1. > （1） > ①), the new style
        // opens its level whatever came before it; a level it skips is not assumed.
        while (stack.length && (RANK[stack[stack.length - 1]!.style ?? ''] ?? 0) > 0) stack.pop();
      }
      const d = make(marker.kind, top(), start, end, marker);
      stack.push(d);
      return d;
    };

    /** 一是…二是… inside a paragraph: enumeration nodes under it (not on the stack, not in bodies). */
    const inline = (owner: Draft, start: number, end: number) => {
      const c = canon.slice(start, end);
      if (!c.includes('是')) return;
      const found = inlineEnumerations(c);
      found.forEach((e, i) => {
        const s = start + e.index;
        const to = i + 1 < found.length ? start + found[i + 1]!.index : end;
        const marker: Marker = { kind: 'enumeration', style: 'enum-inline', printed: canon.slice(s, s + 2), label: null, value: e.value, length: 2 };
        const d = make('enumeration', owner, s, to, marker);
        d.body = [];
      });
    };

    const paragraph = (start: number, end: number) => {
      const c = canon.slice(start, end);
      // "附件" / "附件2" / "附件：XX任务分工表" on a line of its own: an attachment (a 分工表 after
      // the main text) is a document of its own, so its numbering starts from the top.
      // So is the title of a task table standing on its own line after the main text
      // (`某市2023年重点任务分工表`), even when no 附件 line comes first.
      if (/^\s*附件\s*\d{0,2}\s*(?:：[^。；]{0,60})?$/.test(c) || (stack.length > 0 && ATTACHMENT_TITLE.test(c))) {
        stack.length = 0;
        attach = null;
        make('heading', root, start, end, null);
        return;
      }
      let marker = recogniseMarker(c, printed.slice(start, end));
      // "11.121人才梯队项目": a number that runs into digits is still the next item after 10.
      const glued = marker ? null : /^(\d{1,3})[.、](?=\d)/.exec(c);
      if (glued) {
        const prev = [...stack].reverse().find((d) => d.style === 'num');
        const value = Number(glued[1]);
        if (prev && prev.value + 1 === value) marker = { kind: 'item', style: 'num', printed: glued[0], label: String(value), value, length: glued[0].length };
      }
      if (!marker && attach && attach === stack[stack.length - 1] && attach.label != null) marker = garbledMarker(c, printed.slice(start, end), attach);
      if (marker && end - start > marker.length) {
        attach = placeMarker(marker, start, end);
        inline(attach, start + marker.length, end);
        return;
      }
      const t = top();
      if (attach && isAnnotationOnly(printed.slice(start, end), c)) {
        // An annotation on its own line after sub-items (1)…(4) belongs to the parent item when
        // none of the earlier siblings carried one.
        const parent = attach.parent;
        const siblings = parent ? parent.children.filter((s) => s.style === attach!.style) : [];
        const target =
          parent && parent.kind !== 'document' && siblings.length > 1 && siblings[0] !== attach && !siblings.slice(0, -1).some((s) => hasAnnotation(s))
            ? parent
            : attach;
        target.body.push({ start, end });
        make('paragraph', target, start, end, null);
        return;
      }
      // "工作任务：推进产业集聚" followed by "牵头单位：…" lines: a record written as text is an
      // unnumbered item, its text after the key, as a record row of a table is.
      const kv = KV_TASK_LINE.exec(c);
      if (kv) {
        const d = make('item', t, start, end, null);
        d.style = 'kv';
        d.textStart = start + kv[0].length;
        attach = d;
        return;
      }
      if (isUnnumberedHeading(c)) {
        make('heading', t, start, end, null);
        if (t.kind !== 'document') t.body.push({ start, end });
        return;
      }
      const para = make('paragraph', t, start, end, null);
      if (t.kind !== 'document') t.body.push({ start, end });
      inline(para, start, end);
    };

    // Tables: header detection and row handling.
    let header: Array<{ role: ColumnRole; header: string }> | null = null;
    let headerTable = -1;
    let lastRow: Draft | null = null;
    const popRows = () => {
      while (stack.length && stack[stack.length - 1]!.style === 'row') stack.pop();
    };

    const row = (b: RowBlock) => {
      const cellText = b.cells.map((c) => canon.slice(c.start, c.end));
      const filled = b.cells.filter((c) => c.end > c.start);
      const roles = cellText.map(columnRole);
      const known = roles.filter((r) => r !== 'other').length;
      const indicatorHeader = cellText.some((t) => /指标/.test(t)) && cellText.some((t) => /目标|(?:19|20)\d\d年?|预期|规划值/.test(t));
      // An indicator table's header may hold one known word (指标 | 单位 | 2020年 | 2025年 | 属性).
      const namedIndicatorHeader = indicatorHeader && cellText.length >= 3 && cellText.some((t) => /^(?:主要)?指标(?:名称|内容)?$/.test(t.replace(/\s+/g, '')));
      const isHeader =
        cellText.every((t) => t.length <= 20) &&
        ((known >= 2 && (roles.includes('seq') || roles.some((r) => r === 'lead' || r === 'responsible') || indicatorHeader)) || namedIndicatorHeader);
      if (b.table !== headerTable) {
        // A table interrupted by a group heading line goes on with the same header.
        const prev = header as Array<unknown> | null;
        if (prev && !isHeader && Math.abs(b.cells.length - prev.length) <= 1 && b.table === headerTable + 1) headerTable = b.table;
        else {
          header = null;
          lastRow = null;
          popRows();
        }
      }
      // Header row?
      if (isHeader) {
        const prevHeader = header as Array<{ role: ColumnRole; header: string }> | null;
        if (prevHeader && b.table === headerTable && lastRow == null && cellText.some((t) => t === '')) {
          // A header over two rows (`责任单位` merged over `牵头单位 | 配合单位`): the second row names
          // the columns it has a cell for; the others keep the first row's names.
          header = Array.from({ length: Math.max(prevHeader.length, cellText.length) }, (_, i) =>
            cellText[i] ? { role: roles[i]!, header: `${prevHeader[i]?.header ?? ''}${cellText[i]}` } : (prevHeader[i] ?? { role: 'other' as ColumnRole, header: '' }),
          );
          return;
        }
        header = roles.map((role, i) => ({ role, header: cellText[i]! }));
        // An empty top-left header cell over row numbers is the 序号 column left unnamed.
        if (cellText[0] === '' && !roles.includes('seq')) header[0] = { role: 'seq', header: '' };
        headerTable = b.table;
        popRows();
        // A task table sits under headings, not under the numbered paragraph before it.
        while (stack.length && /^(?:num|rnum|pnum|circ|enum-)/.test(stack[stack.length - 1]!.style ?? '')) stack.pop();
        attach = null;
        return;
      }
      // Key-value record rows: `牵头单位： | X |`.
      if (filled.length <= 2) {
        const k = filled[0] ? canon.slice(filled[0].start, filled[0].end) : '';
        const key = k.replace(/[：\s]+$/, '');
        const v = filled[1];
        if (filled.length === 2 && v && KV_TASK.test(key)) {
          popRows();
          const vc = canon.slice(v.start, v.end);
          if (recogniseMarker(vc, printed.slice(v.start, v.end))) paragraph(v.start, v.end);
          else {
            // An unnumbered record is still one task: its unit rows attach to it.
            const d = make('item', top(), v.start, v.end, null);
            d.style = 'kv';
            attach = d;
          }
          return;
        }
        if (filled.length === 2 && v && isKvUnit(key)) {
          // Keep `label：value` together as one annotation line, of the record it follows.
          if (attach && attach.style === 'kv') {
            attach.body.push({ start: filled[0]!.start, end: v.end });
            make('paragraph', attach, filled[0]!.start, v.end, null);
            return;
          }
          paragraph(filled[0]!.start, v.end);
          return;
        }
        if (filled.length === 1 || /：$/.test(k)) {
          if (filled.length === 1 && header) {
            // A group row inside a table: numbered group cells become headings.
            popRows();
            lastRow = null;
          }
          paragraph(filled[0]!.start, filled[filled.length - 1]!.end);
          return;
        }
      }
      if (!header) {
        paragraph(b.start, b.end);
        return;
      }
      const h: Array<{ role: ColumnRole; header: string }> = header;
      const seqCol = h.findIndex((c) => c.role === 'seq');
      const seqText = seqCol >= 0 && b.cells[seqCol] ? canon.slice(b.cells[seqCol].start, b.cells[seqCol].end) : '';
      const seq = /^[^\d]{0,2}?(\d{1,5}(?:[.\-－—]\d{1,3}){0,2})[^\d]{0,2}$/.exec(seqText.replace(/\s+/g, ''));
      // "二 | 民生保障 | | |", "（一） | 教育 | | |": a Chinese numeral in the 序号 column, with no
      // units in the row, is a group heading of the table; the rows after it sit under it.
      const group = seq ? null : /^(?:([一二三四五六七八九十]{1,3})[、.]?|（([一二三四五六七八九十]{1,3})）)$/.exec(seqText.replace(/\s+/g, ''));
      if (group && !b.cells.some((c, i) => c.end > c.start && /^(?:lead|responsible|cooperating)$/.test(h[i]?.role ?? ''))) {
        popRows();
        lastRow = null;
        const cn = group[1] ?? group[2]!;
        const marker: Marker = group[1]
          ? { kind: 'heading', style: 'cn', printed: seqText, label: cn, value: chineseToNumber(cn), length: 0 }
          : { kind: 'item', style: 'pcn', printed: seqText, label: `（${cn}）`, value: chineseToNumber(cn), length: 0 };
        const d = placeMarker(marker, b.start, b.end);
        const title = b.cells.find((c, i) => i !== seqCol && c.end > c.start);
        d.textStart = title ? title.start : b.start;
        d.body = title ? [{ start: title.start, end: b.end }] : [];
        attach = null;
        return;
      }
      const isNewRow = seqCol < 0 ? filled.length >= Math.min(h.length, 3) : !!seq;
      if (isNewRow) {
        popRows();
        const seqLabel = seq ? (/^\d+$/.test(seq[1]!) ? String(Number(seq[1])) : seq[1]!.replace(/[－—]/g, '-')) : '';
        const marker: Marker | null = seq ? { kind: 'item', style: 'row', printed: seqText, label: seqLabel, value: parseInt(seq[1]!, 10), length: 0 } : null;
        const d = make('item', top(), b.start, b.end, marker);
        d.style = 'row';
        // A regrouped row with fewer cells than the header (merged cells) is aligned by content;
        // a row of a real table keeps its empty cells and so its positions.
        let cells = b.cells;
        while (b.regrouped && cells.length > 0 && cells[cells.length - 1]!.end === cells[cells.length - 1]!.start) cells = cells.slice(0, -1);
        const cols = b.regrouped && cells.length < h.length ? alignCells(cells.map((c) => canon.slice(c.start, c.end)), h.map((c) => c.role)) : cells.map((_, i) => i);
        d.cells = cells.map((c, i) => ({ ...c, role: h[cols[i]!]?.role ?? 'other', header: h[cols[i]!]?.header ?? '' }));
        const firstText = d.cells.find((c) => c.role !== 'seq' && c.end > c.start);
        d.textStart = firstText ? firstText.start : b.start;
        d.body = [];
        stack.push(d);
        lastRow = d;
        attach = d;
        return;
      }
      if (lastRow) {
        // Continuation row (merged leading cells): align its cells from the first content column.
        const contentCol = h.findIndex((c) => c.role === 'content' || c.role === 'target');
        const offset = contentCol >= 0 && filled.length <= h.length - contentCol ? contentCol : Math.max(0, h.length - b.cells.length);
        const extra = b.cells.map((c, i) => ({ ...c, role: h[i + offset]?.role ?? 'other', header: h[i + offset]?.header ?? '' }));
        // In place: a long run of continuation rows must not copy the cells each time.
        if (lastRow.cells) lastRow.cells.push(...extra);
        else lastRow.cells = extra;
        lastRow.end = b.end;
        return;
      }
      warnings.push({ code: 'table.header-missing', message: '表格行无法对应表头列，请核对该行的牵头和责任单位。', at: { start: b.start, end: b.end } });
      paragraph(b.start, b.end);
    };

    let prevTable = -1;
    for (const b of blocks) {
      if (b.type === 'row') {
        row(b);
        prevTable = b.table;
      } else {
        if (prevTable >= 0) {
          popRows();
          prevTable = -1;
        }
        paragraph(b.start, b.end);
      }
    }
    return { segmented, root, all, warnings };
  }
}
