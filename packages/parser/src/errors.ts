/** Error codes of unsupported or unreadable input. */
export type ParseErrorCode =
  | 'input.empty'
  | 'input.binary'
  | 'input.too-large'
  | 'format.unsupported'
  | 'format.corrupt'
  | 'pdf.encrypted'
  | 'pdf.no-text'
  | 'docx.too-large'
  | 'xlsx.no-table'
  | 'xlsx.too-many-rows'
  | 'file.unreadable';

/** The only error the parser throws: the input cannot be read as a plan. Message in Chinese. */
export class ParseError extends Error {
  readonly code: ParseErrorCode;
  constructor(code: ParseErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ParseError';
    this.code = code;
  }
}
