// @vitest-environment node
import '../test/install-dom';
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { useAutosave, type Autosave } from './autosave';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** A fake server holding the draft, with a version like the real one. */
function draftServer() {
  const server = { text: '', version: 1, saves: 0 };
  const save = (v: { text: string; version: number }) => {
    if (v.version !== server.version) return Promise.reject(new ApiError(409, 'report.stale', '报告已被他人修改'));
    server.text = v.text;
    server.saves++;
    return Promise.resolve();
  };
  return { server, save };
}

function Harness({ value, save, out }: { value: { text: string; version: number }; save: (v: { text: string; version: number }) => Promise<void>; out: { current: Autosave<{ text: string; version: number }> | null } }) {
  out.current = useAutosave(value, save, { delay: 1000 });
  return <p>{out.current.state}</p>;
}

describe('useAutosave', () => {
  it('saves the latest text once the user pauses, not on every keystroke', async () => {
    vi.useFakeTimers();
    const { server, save } = draftServer();
    const out = { current: null as Autosave<{ text: string; version: number }> | null };
    const { rerender } = render(<Harness value={{ text: '', version: 1 }} save={save} out={out} />);
    for (const text of ['本', '本期', '本期完成']) {
      rerender(<Harness value={{ text, version: 1 }} save={save} out={out} />);
      act(() => void vi.advanceTimersByTime(300));
    }
    expect(server.saves).toBe(0);
    await act(async () => void (await vi.advanceTimersByTimeAsync(1000)));
    expect(server.text).toBe('本期完成');
    expect(server.saves).toBe(1);
    expect(out.current!.state).toBe('saved');
  });

  it('stops on a conflict and keeps the text, until the user resumes', async () => {
    vi.useFakeTimers();
    const { server, save } = draftServer();
    server.version = 2; // someone else saved meanwhile
    const out = { current: null as Autosave<{ text: string; version: number }> | null };
    const { rerender } = render(<Harness value={{ text: '', version: 1 }} save={save} out={out} />);
    rerender(<Harness value={{ text: '我的内容', version: 1 }} save={save} out={out} />);
    await act(async () => void (await vi.advanceTimersByTimeAsync(1000)));
    expect(out.current!.state).toBe('conflict');
    expect(out.current!.error?.status).toBe(409);
    rerender(<Harness value={{ text: '我的内容，补充', version: 1 }} save={save} out={out} />);
    await act(async () => void (await vi.advanceTimersByTimeAsync(2000)));
    expect(out.current!.state).toBe('conflict');
    // The user keeps their text over the newer version.
    rerender(<Harness value={{ text: '我的内容，补充', version: 2 }} save={save} out={out} />);
    act(() => out.current!.resume());
    await act(async () => void (await vi.advanceTimersByTimeAsync(1000)));
    expect(server.text).toBe('我的内容，补充');
    expect(out.current!.state).toBe('saved');
  });

  it('does not save what was just loaded, only what the user then changes', async () => {
    vi.useFakeTimers();
    const { server, save } = draftServer();
    const out = { current: null as Autosave<{ text: string; version: number }> | null };
    const { rerender } = render(<Harness value={{ text: '', version: 1 }} save={save} out={out} />);
    const loaded = { text: '上期内容', version: 1 };
    rerender(<Harness value={loaded} save={save} out={out} />);
    act(() => out.current!.markSaved(loaded));
    await act(async () => void (await vi.advanceTimersByTimeAsync(2000)));
    expect(server.saves).toBe(0);
    rerender(<Harness value={{ text: '上期内容，本期补充', version: 1 }} save={save} out={out} />);
    await act(async () => void (await vi.advanceTimersByTimeAsync(1000)));
    expect(server.saves).toBe(1);
    expect(server.text).toBe('上期内容，本期补充');
  });
});
