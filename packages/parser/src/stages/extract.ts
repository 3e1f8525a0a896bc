import type { ParseOptions } from '../types.js';
import { extractMetadata, extractReferences, type Metadata, type RefDraft } from '../extract/metadata.js';
import { extractIndicators, type IndicatorDraft } from '../extract/indicators.js';
import { extractTasks, type TaskDraft } from '../extract/tasks.js';
import { extractProjects, type ProjectDraft } from '../extract/projects.js';
import { extractPhases, type PhaseDraft } from '../extract/phases.js';
import { extractCadences, type CadenceDraft } from '../extract/cadences.js';
import { extractLeadingGroup, type MemberDraft } from '../extract/leading-group.js';
import type { Outlined } from './outline.js';
import { simplify } from './normalise/traditional.js';

export interface Extracted {
  tasks: TaskDraft[];
  metadata: Metadata;
  references: RefDraft[];
  indicators: IndicatorDraft[];
  projects: ProjectDraft[];
  phases: PhaseDraft[];
  cadences: CadenceDraft[];
  leadingGroup: MemberDraft[];
  /** Annotations without task text. */
  orphans: Array<{ start: number; end: number }>;
}

/** outline → extract: tasks, indicators, metadata and the rest, still in normalised offsets. */
export function extractAll(outlined: Outlined, _options: ParseOptions): Extracted {
  const { source, blocks } = outlined.segmented;
  const printed = source.mapped.text;
  const canon = source.canon;
  const orphans: Array<{ start: number; end: number }> = [];
  const tasks = extractTasks(outlined, orphans);
  const metadata = extractMetadata(printed, canon, blocks, source.removed.filter((r) => r.reason === 'boilerplate').map((r) => simplify(r.text)));
  const references = extractReferences(printed, canon, metadata.title);
  const indicators = extractIndicators(outlined, tasks, metadata.goalYear, metadata.contextYear, metadata.periodYear);
  const projects = extractProjects(outlined);
  const phases = extractPhases(printed, canon, blocks, metadata.contextYear);
  const cadences = extractCadences(printed, canon);
  const leadingGroup = extractLeadingGroup(printed, canon, blocks);
  return { tasks, metadata, references, indicators, projects, phases, cadences, leadingGroup, orphans };
}
