// A per-key sliding 60 s window, as DRF's SimpleRateThrottle: only accepted requests count.

const WINDOW_MS = 60_000;

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly perMinute: number) {}

  /** null when accepted (and counted), else the seconds until the window frees a slot. */
  take(key: string, now = Date.now()): number | null {
    const recent = (this.hits.get(key) ?? []).filter((at) => at > now - WINDOW_MS);
    if (recent.length >= this.perMinute) {
      this.hits.set(key, recent);
      const oldest = recent[0] as number;
      return Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
    }
    recent.push(now);
    this.hits.set(key, recent);
    return null;
  }
}
