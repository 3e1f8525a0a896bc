/**
 * The parser's output contract: what `parsePlan` returns.
 *
 * Task and indicator fields have the shape of the gold labels in `shared/corpus/dev/gold/*.json`
 * (see LABELING.md there), so the corpus scorer reads this output directly. Everything else is
 * what import and review need: the outline with source spans, projects, phases, cadences, the
 * leading group, references to other documents, and every doubt (`warnings`) and every piece of
 * text normalisation removed (`removed`).
 *
 * This file is shared by the parser and the server's import; change it in both places' interest.
 */

/** Half-open character range [start, end) in a text. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Where something sits: offsets into the normalised text the parser worked on, and the matching
 * offsets into the original decoded text (before traditional→simplified, pinyin stripping and
 * boilerplate removal), so a review screen can highlight either.
 */
export interface SourceSpan extends Span {
  original: Span;
}

export type UnitRole = 'lead' | 'responsible' | 'cooperating';

export type OutlineNodeKind =
  | 'document'
  | 'chapter' // 第X章
  | 'section' // 第X节
  | 'heading' // 一、 and unnumbered headings
  | 'item' // （一） 1. （1） ① and table rows
  | 'enumeration' // inline 一是… / 第一，… / 首先…
  | 'paragraph'; // unnumbered paragraph or lead-in phrase kept as a node

export interface OutlineNode {
  /** Stable within one parse: "n0", "n1", … in document order. */
  id: string;
  kind: OutlineNodeKind;
  /** Nesting depth, 0 for the document root. */
  level: number;
  /** The numbering as printed ("（一）", "1.", "第三章"), or null for unnumbered nodes. */
  marker: string | null;
  /** Normalised path segment ("（一）", "1", "一"), or null for unnumbered nodes. */
  label: string | null;
  /** Path of this node from the root: normalised numbered segments joined by "/". */
  path: string;
  /** Heading text (for headings) or the first sentence (for items), without the marker. */
  title: string;
  /** The node's own full text (without children), normalised. */
  text: string;
  span: SourceSpan;
  children: OutlineNode[];
}

export interface ParsedTask {
  /** Outline path as in LABELING.md: "二/（二）/2". Several tasks may share one path. */
  path: string;
  /** The whole task text (simplified, annotation removed). */
  text: string;
  lead: string[];
  responsible: string[];
  cooperating: string[];
  /** Deadline as printed from a 完成时限/时限要求/完成时间 field or column, else null. */
  deadline: string | null;
  /** ISO date (YYYY-MM-DD) derived from the deadline where possible. */
  deadlineDate: string | null;
  /** Id of the outline node the task belongs to. */
  nodeId: string;
  /** The annotation as printed, e.g. "（牵头单位：市委宣传部；责任单位：…）", or null when unannotated. */
  annotation: string | null;
  span: SourceSpan;
}

export type Comparator = '>=' | '<=' | '~' | '=';

export interface ParsedIndicator {
  name: string;
  target: number;
  unit: string | null;
  comparator: Comparator;
  year: number | null;
  baseline: number | null;
  baselineYear: number | null;
  /** Lead then responsible units of the containing task; [] in general goal sections. */
  responsible: string[];
  /** Binding (约束性) or expected (预期性) when the document says so. */
  binding: boolean | null;
  span: SourceSpan;
}

export interface ParsedProject {
  name: string;
  text: string;
  /** Place names (cities, prefectures) the project text names. */
  places: string[];
  path: string;
  span: SourceSpan;
}

export interface ParsedPhase {
  name: string;
  /** ISO dates where derivable. */
  start: string | null;
  end: string | null;
  /** The date range as printed. */
  printed: string | null;
  activities: string;
  span: SourceSpan;
}

export type CadencePeriod = 'monthly' | 'quarterly' | 'half-yearly' | 'yearly' | 'other';

export interface ParsedCadence {
  period: CadencePeriod;
  /** What is reported/done: "报送进展情况", "通报". */
  what: string;
  /** Recipient as printed, e.g. "省发改委", or null. */
  to: string | null;
  span: SourceSpan;
}

export interface LeadingGroupMember {
  name: string;
  title: string;
  role: 'leader' | 'deputy' | 'member' | 'office-director' | 'other';
  span: SourceSpan;
}

export interface DocumentReference {
  /** Title inside 《…》. */
  title: string;
  docNumber: string | null;
  span: SourceSpan;
}

export type WarningCode =
  | 'mojibake'
  | 'unit.ambiguous'
  | 'unit.suspicious'
  | 'annotation.orphan'
  | 'annotation.unclosed'
  | 'outline.skipped-level'
  | 'outline.restart'
  | 'deadline.unresolved'
  | 'indicator.uncertain'
  | 'table.header-missing'
  | 'format.lossy'
  | 'other';

export interface ParseWarning {
  code: WarningCode;
  /** In Chinese, telling the reviewer what to check. */
  message: string;
  span: SourceSpan | null;
}

export type RemovedReason =
  | 'boilerplate' // 浏览量, 字体大中小, 分享到, 打印本页…
  | 'navigation' // 上一篇/下一篇, 返回列表, 推荐阅读
  | 'spam' // spam lines at the end of a page
  | 'pinyin' // inline pinyin annotations 發(fā)
  | 'markup' // HTML scripts, styles, tags
  | 'duplicate-title' // page title repeated
  | 'other';

export interface RemovedSpan {
  reason: RemovedReason;
  /** The removed text as it was. */
  text: string;
  /**
   * Offsets into the original decoded text. For `markup` removals made by the HTML/DOCX adapters
   * the offsets point into the HTML the adapter read (the text handed to the core starts after it).
   */
  span: Span;
}

export type PlanKind = 'plan' | 'implementation' | 'division' | 'work' | 'other';

export interface ParsedPlan {
  title: string | null;
  docNumber: string | null;
  issuer: string | null;
  /** 成文/落款 date, ISO. */
  date: string | null;
  /** 主送 recipients as printed. */
  recipients: string[];
  kind: PlanKind;
  /** The plan year when the title or body states one, e.g. 2022. */
  year: number | null;
  outline: OutlineNode;
  tasks: ParsedTask[];
  indicators: ParsedIndicator[];
  projects: ParsedProject[];
  phases: ParsedPhase[];
  cadences: ParsedCadence[];
  leadingGroup: LeadingGroupMember[];
  references: DocumentReference[];
  warnings: ParseWarning[];
  removed: RemovedSpan[];
  /** The normalised text all `span` offsets point into. */
  text: string;
  /** Source format the text came from. */
  format: 'txt' | 'html' | 'docx' | 'pdf' | 'xlsx' | 'csv';
}

export interface ParseOptions {
  /** Year used to resolve 年底前 and similar when the document does not state one. */
  defaultYear?: number;
  /** Source format, when the text came from an adapter. Default 'txt'. */
  format?: ParsedPlan['format'];
}
