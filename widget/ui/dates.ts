// Local times and day labels through Intl; a bad date or locale shows nothing rather than throwing.

export interface DateFormats {
  time(iso: string): string;
  day(iso: string): string;
  /** A short date for lists: today's items show the time instead. */
  short(iso: string): string;
  dayKey(iso: string): string;
}

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(locale, options);
  } catch {
    return new Intl.DateTimeFormat(undefined, options);
  }
}

function parse(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

const keyOf = (date: Date) => `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;

/**
 * A formatter made on first use: building an Intl.DateTimeFormat is costly (the bench found four
 * of them to be the largest part of the widget's start-up task), and a closed launcher needs none.
 */
function lazyFormatter(locale: string, options: Intl.DateTimeFormatOptions) {
  let made: Intl.DateTimeFormat | null = null;
  return (date: Date) => (made ??= formatter(locale, options)).format(date);
}

export function dateFormats(locale: string, now: () => Date = () => new Date()): DateFormats {
  const time = lazyFormatter(locale, { hour: 'numeric', minute: '2-digit' });
  const day = lazyFormatter(locale, { weekday: 'long', day: 'numeric', month: 'long' });
  const dayWithYear = lazyFormatter(locale, { day: 'numeric', month: 'long', year: 'numeric' });
  const short = lazyFormatter(locale, { day: 'numeric', month: 'short' });
  const withDate = (iso: string, render: (date: Date) => string) => {
    const date = parse(iso);
    return date ? render(date) : '';
  };
  return {
    time: (iso) => withDate(iso, time),
    day: (iso) => withDate(iso, (date) => (date.getFullYear() === now().getFullYear() ? day : dayWithYear)(date)),
    short: (iso) => withDate(iso, (date) => (keyOf(date) === keyOf(now()) ? time : short)(date)),
    dayKey: (iso) => withDate(iso, keyOf),
  };
}
