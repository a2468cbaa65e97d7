// Tells a customer who looked away that the team replied (issue 15): a chime in one tab of the
// browser, and the unread count in every tab's title. Gathers the page's facts for
// core/attention-policy.ts and does what it decides, with dom/reply-sound.ts and
// dom/title-keeper.ts.
//
// Which tab alerts: the one of the customer's latest gesture or focus, written under `claimKey` in
// localStorage (the tab that can make sound there, and where the customer is, or was last), else the
// tab leader, which polls. A tab gives its claim up when it goes away. The tabs share no other
// state: each has the same unread count from the session, and reads the claim when a reply comes.

import { attentionPolicy } from '../core/attention-policy';
import type { SessionState } from '../core/state';
import type { Clock } from '../core/world';
import type { Strings } from '../i18n/en';
import { plural } from '../i18n/plural';
import { createReplySound } from './reply-sound';
import { createTitleKeeper } from './title-keeper';

export interface AttentionOptions {
  window: Window;
  session: { getState(): SessionState; subscribe(listener: () => void): () => unknown };
  /** This tab's panel is open. */
  panelOpen(): boolean;
  /** data-sound (or the last Parley('sound', …)) and data-title-alert. */
  settings(): { sound: boolean; titleAlert: boolean };
  language(): { locale: string; strings: Strings };
  /** This tab polls for the browser (tab-leader.ts). */
  isLeader(): boolean;
  /** The localStorage key, shared by the site's tabs, naming the tab that alerts. */
  claimKey: string;
  tabId: string;
  clock: Clock;
}

export interface AttentionWiring {
  /** New team replies reached this tab (SessionDeps.onNewReplies). */
  newReplies(): void;
  /** The panel opened or closed, the language or a setting changed: the title follows. */
  update(): void;
  /** Leaves the title as the page set it, lets the audio and the claim go. */
  destroy(): void;
}

type ActivationNavigator = Navigator & { userActivation?: { hasBeenActive: boolean } };
type WindowGlobals = Window & Partial<Pick<typeof globalThis, 'AudioContext' | 'MutationObserver'>>;

export function connectAttention(options: AttentionOptions): AttentionWiring {
  const { session, clock, claimKey, tabId } = options;
  const win = options.window as WindowGlobals;
  const doc = win.document;
  const hasBeenActive = () => (win.navigator as ActivationNavigator).userActivation?.hasBeenActive === true;
  const sound = createReplySound({ AudioContext: win.AudioContext ?? null, hasBeenActive, clock });
  const title = createTitleKeeper({ document: doc, MutationObserver: win.MutationObserver ?? null, clock });
  let lastSoundAt = -Infinity;
  let shownTitleFor: string | null = null;

  /** `use` on localStorage; null when it is blocked or throws (then no tab claims: the leader alerts). */
  function withStorage<T>(use: (store: Storage) => T): T | null {
    try {
      return use(win.localStorage);
    } catch {
      return null;
    }
  }
  const claimant = () => withStorage((store) => store.getItem(claimKey));
  function claim() {
    // A first visit writes nothing: a claim matters only with a conversation to alert about.
    if (session.getState().conversation && claimant() !== tabId) withStorage((store) => store.setItem(claimKey, tabId));
  }
  const release = () => claimant() === tabId && withStorage((store) => store.removeItem(claimKey));

  // The first gesture readies the audio (autoplay policies allow it only then), for a customer
  // with a conversation or about to start one; every gesture says where the customer is.
  const onGesture = () => {
    if (!sound.unlocked && options.settings().sound && (session.getState().conversation || options.panelOpen())) sound.unlock();
    claim();
  };
  // Back to this tab: it alerts from now on if it can make sound, or shows the conversation (then
  // nothing alerts while the customer reads it).
  const onFocus = () => {
    if (sound.unlocked || hasBeenActive() || options.panelOpen()) claim();
  };
  const listening = { capture: true, passive: true } as const;
  win.addEventListener('pointerdown', onGesture, listening);
  win.addEventListener('keydown', onGesture, listening);
  win.addEventListener('focus', onFocus);
  win.addEventListener('pagehide', release);

  function decide(newReply: boolean) {
    const state = session.getState();
    const settings = options.settings();
    const alerting = claimant();
    return attentionPolicy({
      alertingTab: alerting === tabId || (alerting === null && options.isLeader()),
      panelOpen: options.panelOpen(),
      visible: doc.visibilityState !== 'hidden',
      focused: doc.hasFocus(),
      unreadCount: state.unreadCount,
      newReply,
      soundOn: settings.sound,
      titleAlertOn: settings.titleAlert,
      lastSoundAt,
      now: clock.now(),
    });
  }

  function update() {
    const count = session.getState().unreadCount;
    if (!decide(false).title) {
      shownTitleFor = null;
      return title.clear();
    }
    const { locale, strings } = options.language();
    const text = plural(locale, strings.newReplies, count);
    if (text === shownTitleFor) return;
    shownTitleFor = text;
    title.show((pageTitle) => (pageTitle ? `${text} · ${pageTitle}` : text));
  }

  const unsubscribe = session.subscribe(update);
  update();

  return {
    newReplies() {
      if (decide(true).sound && sound.play()) lastSoundAt = clock.now();
    },
    update,
    destroy() {
      unsubscribe();
      win.removeEventListener('pointerdown', onGesture, listening);
      win.removeEventListener('keydown', onGesture, listening);
      win.removeEventListener('focus', onFocus);
      win.removeEventListener('pagehide', release);
      release();
      title.clear();
      sound.close();
    },
  };
}
