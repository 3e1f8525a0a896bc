/**
 * Makes user text safe to place in an OOXML part: drops characters XML 1.0 forbids (C0 controls
 * other than tab/newline, lone surrogates, U+FFFE/U+FFFF) and normalises line breaks. Escaping of
 * `<`, `&` and quotes is the writers' job (docx and exceljs both escape); nothing here is ever
 * interpreted as markup, a field or a formula.
 */
export function inertText(value: string | null | undefined, maxLength = 32_000): string {
  if (value == null) return '';
  const cleaned = value
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
  return cleaned.length > maxLength ? `${cleaned.slice(0, maxLength - 1)}…` : cleaned;
}

/** Joins unit names the way a task table prints them: "市发改委、市财政局". */
export const joinUnits = (units: readonly string[]): string => units.map((u) => inertText(u)).filter(Boolean).join('、');
