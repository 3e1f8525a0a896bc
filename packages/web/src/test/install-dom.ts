/**
 * Import this FIRST in a DOM test file (which runs in the `node` environment):
 *   // @vitest-environment node
 *   import '../../test/install-dom';
 * The root config names vitest's built-in 'jsdom' environment, but the jsdom that runs on Node 20
 * (29.x; 31.x needs Node 22) is installed under packages/web/node_modules, where vitest's own
 * import cannot find it. So the DOM is created here, from this package, before React loads.
 */
import { JSDOM } from 'jsdom';
import { vi } from 'vitest';
import { populateGlobal } from 'vitest/environments';

const KEEP_FROM_NODE = ['fetch', 'Response', 'Request', 'Headers', 'AbortController', 'AbortSignal', 'URLSearchParams', 'FormData', 'Blob', 'structuredClone', 'TextEncoder', 'TextDecoder', 'MessageChannel', 'MessagePort', 'BroadcastChannel'];

const g = globalThis as unknown as Record<string, unknown>;
if (!g.document) {
  const dom = new JSDOM('<!DOCTYPE html>', { pretendToBeVisual: true, url: 'http://localhost:3000' });
  const win = dom.window as unknown as Record<string, unknown>;
  for (const name of KEEP_FROM_NODE) if (g[name] !== undefined) win[name] = g[name];
  populateGlobal(globalThis, dom.window, { bindFunctions: true });
  // antd reads these; jsdom lacks them.
  win.matchMedia = (q: string) => ({ matches: false, media: q, onchange: null, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {}, dispatchEvent: () => false });
  g.matchMedia = win.matchMedia;
  g.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  g.IS_REACT_ACT_ENVIRONMENT = true;
}

// Rendering antd in jsdom takes seconds on a busy 2-core machine: no DOM test should fail on time.
vi.setConfig({ testTimeout: 30_000 });
