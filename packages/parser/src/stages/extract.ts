import type { ParseOptions } from '../types.js';
import { extractMetadata, extractReferences, type Metadata, type RefDraft } from '../extract/metadata.js';
import { extractIndicators, type IndicatorDraft } from '../extract/indicators.js';
import { extractTasks, type TaskDraft } from '../extract/tasks.js';
import type { Outlined } from './outline.js';

export interface Extracted {
  tasks: TaskDraft[];
  metadata: Metadata;
  references: RefDraft[];
  indicators: IndicatorDraft[];
}

/** outline → extract: tasks, indicators, metadata and the rest, still in normalised offsets. */
export function extractAll(outlined: Outlined, _options: ParseOptions): Extracted {
  const { source, blocks } = outlined.segmented;
  const printed = source.mapped.text;
  const canon = source.canon;
  const tasks = extractTasks(outlined);
  const metadata = extractMetadata(printed, canon, blocks);
  const references = extractReferences(printed, canon, metadata.title);
  const indicators = extractIndicators(outlined, tasks, metadata.goalYear);
  return { tasks, metadata, references, indicators };
}
