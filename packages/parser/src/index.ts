import type { ParseOptions, ParsedPlan } from './types.js';
import { ParseError } from './errors.js';
import { extractAll } from './stages/extract.js';
import { NormaliseStage } from './stages/normalise/index.js';
import { OutlineStage } from './stages/outline.js';
import { SegmentStage } from './stages/segment.js';
import { ResolveStage } from './stages/resolve-plan.js';

export type * from './types.js';
export { ParseError } from './errors.js';
export type { ParseErrorCode } from './errors.js';
export { resolveDeadline } from './text/dates.js';

const normalise = new NormaliseStage();
const segment = new SegmentStage();
const outline = new OutlineStage();
const resolve = new ResolveStage();

/** Largest text parsePlan accepts (characters). */
export const MAX_TEXT_LENGTH = 50_000_000;

/**
 * Reads a plan document's text into a structured plan. Synchronous and pure: runs in Node and in
 * the browser. Throws only ParseError (for text that is not a document at all).
 */
export function parsePlan(text: string, options: ParseOptions = {}): ParsedPlan {
  if (typeof text !== 'string') throw new ParseError('format.unsupported', '输入不是文本，请先用格式适配器（parseDocument）读取文件。');
  if (text.length > MAX_TEXT_LENGTH) throw new ParseError('input.too-large', '文本超过 5000 万字，请拆分后再导入。');
  const normalised = normalise.run(text);
  const segmented = segment.run(normalised);
  const outlined = outline.run(segmented);
  const extracted = extractAll(outlined, options);
  return resolve.run({ outlined, extracted, options });
}
