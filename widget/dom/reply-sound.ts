// The reply sound (issue 15): a short, soft two-note chime made in the page with Web Audio. No
// file, so nothing to fetch and nothing the site's Content-Security-Policy must allow.
//
// Browsers let a page make sound only after a gesture on it (autoplay policies: Chrome's
// https://developer.chrome.com/blog/autoplay#web_audio, WebKit's, Firefox's). An AudioContext made
// before one starts 'suspended' and Chrome says so in the console; so none is made until then.
// The first pointerdown or keydown (unlock(), from dom/attention.ts) makes one while the gesture
// allows it (WebKit wants that moment; Chrome and Firefox remember the page's activation). Between
// chimes the context is suspended, so that it holds no audio device. Where nothing allowed sound,
// the chime stays silent, and says nothing.

import type { Clock } from '../core/world';

/** What the chime uses of an AudioParam, an OscillatorNode, a GainNode and an AudioContext. */
interface ParamLike {
  setValueAtTime(value: number, time: number): unknown;
  exponentialRampToValueAtTime(value: number, time: number): unknown;
}
interface NodeLike {
  connect(destination: never): unknown;
  disconnect(): void;
}
interface OscillatorLike extends NodeLike {
  type: string;
  readonly frequency: ParamLike;
  onended: ((event: Event) => void) | null;
  start(when?: number): void;
  stop(when?: number): void;
}
export interface AudioContextLike {
  readonly state: string;
  readonly currentTime: number;
  readonly destination: unknown;
  createOscillator(): OscillatorLike;
  createGain(): NodeLike & { readonly gain: ParamLike };
  resume(): Promise<void>;
  suspend(): Promise<void>;
  close(): Promise<void>;
}

export interface ReplySoundOptions {
  /** The window's AudioContext constructor, or null where Web Audio is missing. */
  AudioContext: (new () => AudioContextLike) | null;
  /** Whether the page has had a gesture (navigator.userActivation.hasBeenActive), false where unknown. */
  hasBeenActive(): boolean;
  clock: Pick<Clock, 'now'>;
}

export interface ReplySound {
  /** Called in a pointerdown or keydown: readies the audio while the gesture allows it. Once. */
  unlock(): void;
  readonly unlocked: boolean;
  /** Plays the chime, or nothing where sound is not allowed; false when it surely stayed silent. */
  play(): boolean;
  /** Releases the audio for good. */
  close(): void;
}

// Soft: a sine at under a tenth of full scale, shorter than a second.
const PEAK = 0.08;
const SILENT = 0.0001; // exponential ramps cannot reach 0
// A resume() the browser has not allowed stays pending until a later gesture: a chime that late is
// no longer about the reply, so it is dropped.
const STALE_MS = 1000;

export function createReplySound(options: ReplySoundOptions): ReplySound {
  let context: AudioContextLike | null = null;
  let unlocked = false;
  let closed = false;
  let playing = 0;

  function create(): AudioContextLike | null {
    try {
      return options.AudioContext ? new options.AudioContext() : null;
    } catch {
      return null; // refused (a sandboxed frame, too many contexts): silent
    }
  }

  const idle = (audio: AudioContextLike) => {
    if (!playing && !closed && audio.state === 'running') audio.suspend().catch(() => undefined);
  };

  function chime(audio: AudioContextLike) {
    const start = audio.currentTime;
    const tone = audio.createOscillator();
    const volume = audio.createGain();
    tone.type = 'sine';
    // A rising fifth, A5 then E6, the level dipping between the two so that the step does not click.
    tone.frequency.setValueAtTime(880, start);
    tone.frequency.setValueAtTime(1318.5, start + 0.14);
    volume.gain.setValueAtTime(SILENT, start);
    volume.gain.exponentialRampToValueAtTime(PEAK, start + 0.02);
    volume.gain.exponentialRampToValueAtTime(PEAK / 4, start + 0.14);
    volume.gain.exponentialRampToValueAtTime(PEAK, start + 0.16);
    volume.gain.exponentialRampToValueAtTime(SILENT, start + 0.6);
    tone.connect(volume as never);
    volume.connect(audio.destination as never);
    playing += 1;
    tone.onended = () => {
      playing -= 1;
      tone.disconnect();
      volume.disconnect();
      idle(audio);
    };
    tone.start(start);
    tone.stop(start + 0.62);
  }

  return {
    unlock() {
      if (closed || unlocked || !options.AudioContext) return;
      context ??= create();
      if (!context) return;
      unlocked = true;
      if (context.state === 'running') idle(context);
      else
        context.resume().then(
          () => idle(context!),
          () => undefined,
        );
    },
    get unlocked() {
      return unlocked;
    },
    play() {
      if (closed) return false;
      // Before any gesture, making a context would only have the browser refuse it, in the console.
      if (!context && options.hasBeenActive()) context = create();
      const audio = context;
      if (!audio || audio.state === 'closed') return false;
      if (audio.state === 'running') {
        chime(audio);
        return true;
      }
      const askedAt = options.clock.now();
      audio.resume().then(
        () => {
          if (!closed && audio.state === 'running' && options.clock.now() - askedAt < STALE_MS) chime(audio);
        },
        () => undefined,
      );
      return true;
    },
    close() {
      closed = true;
      context?.close().catch(() => undefined);
      context = null;
    },
  };
}
