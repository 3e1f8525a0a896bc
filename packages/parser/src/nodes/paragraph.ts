/** An unnumbered paragraph kept as an outline node under the item it follows. */
export const PARAGRAPH_KIND = 'paragraph' as const;
