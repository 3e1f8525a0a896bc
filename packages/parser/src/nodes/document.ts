/** The root node of every outline. */
export const DOCUMENT_KIND = 'document' as const;
