// The reply chime and the browser's autoplay policy (issue 15): silent until the page has had a
// gesture, one chime per play() once it has, and the audio let go between chimes. The browser's
// Web Audio is played by an AudioContext stand-in that behaves as Chrome's does: it starts
// 'running' only once the page has had a gesture, and a resume() it does not allow stays pending
// until one comes.

import { beforeEach, describe, expect, it } from 'vitest';
import { type AudioContextLike, createReplySound } from '../../widget/dom/reply-sound';
import { createFakeClock, settle } from '../helpers/fake-clock';

interface Page {
  activated: boolean;
  contexts: FakeAudioContext[];
}
let page: Page;

const param = () => ({ setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined });

class FakeAudioContext implements AudioContextLike {
  state = page.activated ? 'running' : 'suspended';
  currentTime = 0;
  destination = {};
  /** Tones started while the context was running: what the customer hears. */
  heard = 0;
  /** Tones started while it was not. */
  unheard = 0;
  endTones: Array<() => void> = [];
  private pendingResumes: Array<() => void> = [];

  constructor() {
    page.contexts.push(this);
  }
  createOscillator() {
    const tone = {
      type: '',
      frequency: param(),
      onended: null as (() => void) | null,
      connect: () => undefined,
      disconnect: () => undefined,
      start: () => {
        if (this.state === 'running') this.heard += 1;
        else this.unheard += 1;
        this.endTones.push(() => tone.onended?.());
      },
      stop: () => undefined,
    };
    return tone;
  }
  createGain() {
    return { gain: param(), connect: () => undefined, disconnect: () => undefined };
  }
  resume() {
    if (page.activated) {
      this.state = 'running';
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => this.pendingResumes.push(resolve));
  }
  suspend() {
    this.state = 'suspended';
    return Promise.resolve();
  }
  close() {
    this.state = 'closed';
    return Promise.resolve();
  }
  /** A gesture on the page: Chrome starts what was waiting for one. */
  gesture() {
    page.activated = true;
    this.state = 'running';
    for (const resolve of this.pendingResumes.splice(0)) resolve();
  }
}

const heard = () => page.contexts.reduce((sum, context) => sum + context.heard, 0);

function player(options: { AudioContext?: typeof FakeAudioContext | null } = {}) {
  const clock = createFakeClock();
  const sound = createReplySound({
    AudioContext: options.AudioContext === undefined ? FakeAudioContext : options.AudioContext,
    hasBeenActive: () => page.activated,
    clock,
  });
  return { sound, clock };
}

beforeEach(() => {
  page = { activated: false, contexts: [] };
});

describe('the reply chime', () => {
  it('stays silent before any gesture on the page, without even asking the browser for audio', () => {
    const { sound } = player();
    expect(sound.play()).toBe(false);
    expect(page.contexts).toHaveLength(0);
  });

  it('is readied by the first gesture, lets the audio go, and plays one tone per reply', async () => {
    const { sound } = player();
    // The pointerdown itself: the browser counts it as activation while the handler runs.
    page.activated = true;
    sound.unlock();
    expect(sound.unlocked).toBe(true);
    expect(page.contexts).toHaveLength(1);
    const [audio] = page.contexts;
    await settle();
    expect(audio!.state).toBe('suspended');

    expect(sound.play()).toBe(true);
    await settle();
    expect(audio!.heard).toBe(1);
    audio!.endTones.shift()!();
    await settle();
    expect(audio!.state).toBe('suspended');

    sound.play();
    await settle();
    expect(heard()).toBe(2);
    expect(page.contexts).toHaveLength(1);
  });

  it('plays where the page had a gesture before the widget listened for one (Chrome and Firefox remember it)', () => {
    const { sound } = player();
    page.activated = true;
    expect(sound.play()).toBe(true);
    expect(heard()).toBe(1);
  });

  it('drops a chime the browser allows only later, at the next gesture: it would no longer be about the reply', async () => {
    const { sound, clock } = player();
    // Unlocked in a gesture the browser did not count (an untrusted event, say): still suspended.
    sound.unlock();
    const [audio] = page.contexts;
    expect(audio!.state).toBe('suspended');
    sound.play();
    await clock.advance(5000);
    audio!.gesture();
    await settle();
    expect(audio!.heard + audio!.unheard).toBe(0);
  });

  it('is silent where there is no Web Audio, or the browser refuses a context', () => {
    page.activated = true;
    const none = player({ AudioContext: null }).sound;
    none.unlock();
    expect(none.play()).toBe(false);

    class Refused extends FakeAudioContext {
      constructor() {
        super();
        throw new Error('NotAllowedError');
      }
    }
    const refused = player({ AudioContext: Refused }).sound;
    refused.unlock();
    expect(refused.play()).toBe(false);
  });

  it('closes its audio for good', () => {
    const { sound } = player();
    page.activated = true;
    sound.unlock();
    sound.close();
    expect(page.contexts[0]!.state).toBe('closed');
    expect(sound.play()).toBe(false);
    expect(heard()).toBe(0);
  });
});
