import type { ParseOptions } from '../types.js';
import { extractTasks, type TaskDraft } from '../extract/tasks.js';
import type { Outlined } from './outline.js';

export interface Extracted {
  tasks: TaskDraft[];
}

/** outline → extract: tasks, indicators, metadata and the rest, still in normalised offsets. */
export function extractAll(outlined: Outlined, _options: ParseOptions): Extracted {
  const tasks = extractTasks(outlined);
  return { tasks };
}
