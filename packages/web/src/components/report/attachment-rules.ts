/** What the report form accepts as an attachment, checked before uploading so the user hears why at once. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

/** Documents, images, text and archives a unit sends as evidence; executables and web pages are refused. */
export const ATTACHMENT_EXTENSIONS = [
  'pdf',
  'ofd',
  'doc',
  'docx',
  'wps',
  'xls',
  'xlsx',
  'et',
  'csv',
  'ppt',
  'pptx',
  'dps',
  'txt',
  'rtf',
  'jpg',
  'jpeg',
  'png',
  'gif',
  'bmp',
  'tif',
  'tiff',
  'webp',
  'zip',
  'rar',
  '7z',
];

export type AttachmentProblem = { kind: 'empty' } | { kind: 'type' } | { kind: 'size'; mb: number };

/** Why a file cannot be attached, or null when it can. */
export function attachmentProblem(file: { name: string; size: number }): AttachmentProblem | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (!ATTACHMENT_EXTENSIONS.includes(ext)) return { kind: 'type' };
  if (file.size === 0) return { kind: 'empty' };
  if (file.size > ATTACHMENT_MAX_BYTES)
    return { kind: 'size', mb: Math.round((file.size / 1024 / 1024) * 10) / 10 };
  return null;
}

/** A file size as people read it: 812 B, 35.2 KB, 4.1 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
