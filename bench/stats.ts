// Spread of repeated measurements, and the cells of the printed tables.

export interface Spread {
  median: number;
  min: number;
  max: number;
  /** Measured runs (warm-up runs excluded). */
  n: number;
}

export function spread(values: number[]): Spread {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (!sorted.length) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 };
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)!, n: sorted.length };
}

/** Rounds to what a table can honestly show: whole numbers from 100 up, else 3 significant digits. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  if (Math.abs(value) >= 100) return Math.round(value);
  return Number(value.toPrecision(3));
}

/** "median (min–max)", or "—" when there is nothing to show. */
export function cell(value: Spread | null | undefined, scale = 1): string {
  if (!value?.n) return '—';
  const [median, min, max] = [value.median, value.min, value.max].map((x) => round(x * scale));
  return min === max ? `${median}` : `${median} (${min}–${max})`;
}

/** The ratio of two medians, "—" when either is missing or the base is zero. */
export function ratio(value: Spread | null | undefined, base: Spread | null | undefined): string {
  if (!value?.n || !base?.n || !base.median) return '—';
  return `${(value.median / base.median).toFixed(2)}×`;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
