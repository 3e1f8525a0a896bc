/**
 * Row heights for wrapped cells. Neither LibreOffice nor every Excel recomputes the height of a
 * row with wrapped text when opening a generated file, so printed rows would overlap; we size them
 * from the text. Widths are Excel character units (the width of "0"); a CJK character takes about
 * two of them at the body font size.
 */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** How many lines `text` wraps to in a column `width` units wide at `fontPt` (11 pt baseline). */
export function wrappedLines(text: string, width: number, fontPt = 11): number {
  const scale = fontPt / 11;
  const usable = Math.max(1, width - 1);
  let lines = 0;
  for (const para of text.split('\n')) {
    let units = 0;
    for (const ch of para) units += (WIDE.test(ch) ? 2.05 : 1.05) * scale;
    lines += Math.max(1, Math.ceil(units / usable));
  }
  return Math.max(1, lines);
}

/** Height in points of a row whose cells hold `cells` (text and column width), with a floor. */
export function rowHeightFor(cells: readonly { text: string; width: number }[], fontPt = 11, min = 18): number {
  const lines = Math.max(1, ...cells.map((c) => wrappedLines(c.text, c.width, fontPt)));
  return Math.min(409, Math.max(min, Math.ceil(lines * fontPt * 1.35 + 6)));
}
