/**
 * Sentences of `text` (runs between the delimiter characters) that contain a match of `marker`,
 * in order, each once. Found from the markers outward, so a long text without markers costs one
 * regular-expression scan and no allocation per sentence.
 */
export function* sentencesWith(text: string, marker: RegExp, delimiters: string): Generator<{ index: number; text: string }> {
  const re = new RegExp(marker.source, marker.flags.includes('g') ? marker.flags : marker.flags + 'g');
  let end = -1;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') re.lastIndex++;
    if (m.index < end) continue;
    let start = 0;
    for (let i = 0; i < delimiters.length; i++) start = Math.max(start, text.lastIndexOf(delimiters[i]!, m.index) + 1);
    end = text.length;
    for (let i = 0; i < delimiters.length; i++) {
      const at = text.indexOf(delimiters[i]!, m.index);
      if (at >= 0 && at < end) end = at;
    }
    if (start === end) continue;
    yield { index: start, text: text.slice(start, end) };
    re.lastIndex = Math.max(re.lastIndex, end);
  }
}
