// Which language the loader speaks (widget/loader/speech.ts): English at once, another language
// once its file is here, the latest wish winning, and a file that cannot come changing nothing.

import { describe, expect, it, vi } from 'vitest';
import { TEXTS } from '../../widget/i18n';
import type { Strings } from '../../widget/i18n/en';
import { panel } from '../../widget/i18n/en';
import { createSpeech } from '../../widget/loader/speech';

/** Language files that arrive when the test says so. */
function files() {
  const waiting = new Map<string, { resolve(texts: Strings): void; reject(error: Error): void }>();
  const fetchTexts = vi.fn(
    (language: string) =>
      new Promise<Strings>((resolve, reject) => {
        waiting.set(language, { resolve, reject });
      }),
  );
  return {
    fetchTexts,
    arrive: (language: keyof typeof TEXTS) => waiting.get(language)!.resolve(TEXTS[language]),
    fail: (language: string) => waiting.get(language)!.reject(new Error('404')),
  };
}

describe('speech', () => {
  it('speaks English at once, with no file, keeping the region for dates', async () => {
    const { fetchTexts } = files();
    const speech = createSpeech('en-GB', fetchTexts, { error: vi.fn(), warn: vi.fn() });
    expect(speech.spoken()).toMatchObject({ locale: 'en-GB', dir: 'ltr', strings: { openChat: 'Open support chat' } });
    await speech.fetch();
    expect(fetchTexts).not.toHaveBeenCalled();
    speech.addEnglishPanel(panel);
    expect(speech.spoken().strings.send).toBe('Send');
  });

  it('speaks another language once its file is here, English until then, and fetches it once', async () => {
    const { fetchTexts, arrive } = files();
    const speech = createSpeech('he-IL', fetchTexts, { error: vi.fn(), warn: vi.fn() });
    const fetched = speech.fetch();
    expect(speech.spoken()).toMatchObject({ locale: 'en', dir: 'ltr' });
    expect(speech.speaksWanted()).toBe(false);
    arrive('he');
    await fetched;
    expect(speech.spoken()).toEqual({ locale: 'he-IL', dir: 'rtl', strings: TEXTS.he });
    await speech.fetch();
    expect(fetchTexts).toHaveBeenCalledTimes(1);
  });

  it('lets the latest wish win when an earlier language’s file arrives last', async () => {
    const { fetchTexts, arrive } = files();
    const speech = createSpeech('en', fetchTexts, { error: vi.fn(), warn: vi.fn() });
    speech.want('fr');
    const french = speech.fetch();
    speech.want('de');
    const german = speech.fetch();
    arrive('de');
    await german;
    arrive('fr');
    await french;
    expect(speech.spoken().strings).toBe(TEXTS.de);
    expect(speech.speaksWanted()).toBe(true);
  });

  it('goes on speaking what it spoke when a file cannot come, and says so in the console', async () => {
    const { fetchTexts, arrive, fail } = files();
    const log = { error: vi.fn(), warn: vi.fn() };
    const speech = createSpeech('ja', fetchTexts, log);
    const japanese = speech.fetch();
    arrive('ja');
    await japanese;
    speech.want('ko');
    const korean = speech.fetch();
    fail('ko');
    await korean;
    expect(speech.spoken()).toMatchObject({ locale: 'ja', strings: TEXTS.ja });
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('The ko texts could not be loaded; the widget speaks ja meanwhile.'), expect.any(Error));
  });
});
