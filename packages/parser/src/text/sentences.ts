/**
 * Sentences of `text` (runs between the delimiter characters) that contain a match of `marker`,
 * in order, each once. Found from the markers outward, so a long text without markers costs one
 * regular-expression scan and no allocation per sentence. A global `marker` must not be used by the
 * caller while it iterates.
 */
export function* sentencesWith(text: string, marker: RegExp, delimiters: string): Generator<{ index: number; text: string }> {
  // A global expression is used as given (its lastIndex is reset): no copy per call.
  const re = marker.global ? marker : new RegExp(marker.source, marker.flags + 'g');
  re.lastIndex = 0;
  const stops = [...delimiters].map((d) => d.charCodeAt(0));
  let end = -1;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') re.lastIndex++;
    if (m.index < end) continue;
    // Walk to the nearest delimiter on each side: lastIndexOf per delimiter would run back to the
    // start of the text for a delimiter the text never uses.
    let start = m.index;
    while (start > 0 && !stops.includes(text.charCodeAt(start - 1))) start--;
    end = m.index;
    while (end < text.length && !stops.includes(text.charCodeAt(end))) end++;
    if (start === end) continue;
    yield { index: start, text: text.slice(start, end) };
    re.lastIndex = Math.max(re.lastIndex, end);
  }
}
