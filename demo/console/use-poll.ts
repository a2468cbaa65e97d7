// Keeps a piece of server data fresh: loads at once, then every `intervalMs` while the tab is
// visible. A failed refresh keeps the last good data (the emulator's fault switches apply to the
// console's own API calls too, and a flickering list would be worse than a slightly stale one).

import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Polled<T> {
  data: T | null;
  error: string | null;
  /** Time of the last successful load. */
  loadedAt: number | null;
  refresh(): Promise<void>;
}

export function usePoll<T>(load: (() => Promise<T>) | null, intervalMs: number, key: string): Polled<T> {
  const [state, setState] = useState<{ key: string; data: T | null; error: string | null; loadedAt: number | null }>({
    key,
    data: null,
    error: null,
    loadedAt: null,
  });
  const loadRef = useRef(load);
  loadRef.current = load;
  // Answers for an older key (another conversation) arriving late are dropped.
  const keyRef = useRef(key);
  keyRef.current = key;

  const refresh = useCallback(async () => {
    const current = loadRef.current;
    if (!current) return;
    const requestedFor = keyRef.current;
    try {
      const data = await current();
      if (keyRef.current === requestedFor) setState({ key: requestedFor, data, error: null, loadedAt: Date.now() });
    } catch (error) {
      if (keyRef.current !== requestedFor) return;
      const message = error instanceof Error ? error.message : String(error);
      setState((previous) =>
        previous.key === requestedFor ? { ...previous, error: message } : { key: requestedFor, data: null, error: message, loadedAt: null },
      );
    }
  }, []);

  useEffect(() => {
    if (!load) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const tick = async () => {
      if (!document.hidden) await refresh();
      if (!stopped) timer = setTimeout(tick, intervalMs);
    };
    void tick();
    const onVisible = () => {
      if (!document.hidden) void refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
    // `load` changes identity on every render; the key says when it really changed.
  }, [key, intervalMs, load === null, refresh]);

  const current = state.key === key ? state : { data: null, error: null, loadedAt: null };
  return { data: current.data, error: current.error, loadedAt: current.loadedAt, refresh };
}
