// jsdom ships no types; the test environment uses only this much of it.
declare module 'jsdom' {
  export class JSDOM {
    constructor(html: string, options?: Record<string, unknown>);
    readonly window: Window & typeof globalThis & { close(): void };
  }
}
