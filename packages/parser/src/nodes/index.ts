import { chapter } from './chapter.js';
import { enumeration } from './enumeration.js';
import { heading } from './heading.js';
import { item } from './item.js';
import type { Marker, MarkerRecogniser } from './marker.js';
import { section } from './section.js';

export type { Marker, MarkerRecogniser } from './marker.js';
export { isUnnumberedHeading } from './heading.js';
export { inlineEnumerations } from './enumeration.js';

/** In order of precedence: 第X章 before 第X节 before 一、 before items before 一是. */
export const RECOGNISERS: readonly MarkerRecogniser[] = [chapter, section, heading, item, enumeration];

export function recogniseMarker(canon: string, printed: string): Marker | null {
  for (const r of RECOGNISERS) {
    const m = r.recognise(canon, printed);
    if (m) return m;
  }
  return null;
}
