/** Limits shared by the server (enforced) and the web app (shown before upload). */
export const LIMITS = {
  /** Largest plan document accepted by import, in bytes. */
  importFileBytes: 20 * 1024 * 1024,
  /** Largest pasted plan text, in characters. */
  importTextChars: 2_000_000,
  /** Failed logins per username and address before login is refused for a while. */
  loginFailures: 5,
  loginWindowMs: 15 * 60 * 1000,
  /** Session lifetime without activity (each use extends it). */
  sessionIdleMs: 12 * 60 * 60 * 1000,
  pageSizeMax: 200,
} as const;
