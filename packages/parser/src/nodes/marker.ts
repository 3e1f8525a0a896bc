import type { OutlineNodeKind } from '../types.js';

/** A numbering marker recognised at the start of a paragraph. */
export interface Marker {
  kind: OutlineNodeKind;
  /** Numbering style; siblings share a style, and the outline nests by first use of a style. */
  style: string;
  /** The marker as printed, e.g. "（一）". */
  printed: string;
  /** Normalised path segment, e.g. "（一）", or null when the style does not enter paths. */
  label: string | null;
  /** Numeric value, for restart/skip checks. */
  value: number;
  /** Length of the marker (with trailing separator and spaces) in the paragraph. */
  length: number;
}

/** One recogniser per node kind: canonical paragraph text in, marker out. */
export interface MarkerRecogniser {
  readonly kind: OutlineNodeKind;
  recognise(canonText: string, printed: string): Marker | null;
}
