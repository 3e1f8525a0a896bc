/**
 * Typed errors of the office-document layer. Every code carries a Chinese message that tells the
 * user what to do; the HTTP error handler maps codes to statuses (all of these are the caller's
 * file, so 400/413/422 — never 500).
 */

export type OfficeErrorCode =
  | 'office.not_xlsx' // not a zip/OOXML workbook at all
  | 'office.legacy_or_encrypted' // OLE compound file: .xls (97-2003) or a password-protected .xlsx
  | 'office.corrupt' // zip structure broken
  | 'office.too_large' // compressed upload above the byte limit
  | 'office.zip_bomb' // declared/actual uncompressed size or ratio above the limits
  | 'office.too_many_rows' // a worksheet has more rows than allowed
  | 'office.external_reference' // external links or formulas reaching outside the sheet
  | 'office.wrong_template'; // not the sheet we issued (header changed, wrong kind)

/** HTTP status a route should answer with for each code (exhaustive: a new code fails the type check). */
export function officeErrorStatus(code: OfficeErrorCode): 400 | 413 | 422 {
  switch (code) {
    case 'office.not_xlsx':
    case 'office.legacy_or_encrypted':
    case 'office.corrupt':
      return 400;
    case 'office.too_large':
    case 'office.zip_bomb':
    case 'office.too_many_rows':
      return 413;
    case 'office.external_reference':
    case 'office.wrong_template':
      return 422;
  }
}

/** A file the user uploaded cannot be accepted as a whole. `detail` carries machine-readable facts. */
export class OfficeFileError extends Error {
  override readonly name = 'OfficeFileError';
  constructor(
    readonly code: OfficeErrorCode,
    message: string,
    readonly detail: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
  }
}
