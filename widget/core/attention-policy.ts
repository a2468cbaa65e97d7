// Whether a tab tells the customer about the team's replies (issue 15): a soft sound for a new
// reply, the unread count in the tab's title. Pure: the page's facts come in, the decision goes out,
// and dom/attention.ts does what it says.
//
// One tab of the browser alerts: the one of the customer's latest gesture or focus, else the
// leader (the tab that polls). Every tab shows the count in its title. Where the customer is
// reading the conversation (the panel open in a visible, focused page), nothing alerts at all: the
// customer's latest gesture or focus is in that tab, so it is the alerting one.

/** Replies in a burst get one sound: never two closer together than this. */
export const SOUND_GAP_MS = 5000;

export interface AttentionFacts {
  /** This tab is the one of the browser that alerts (see above). */
  alertingTab: boolean;
  /** This tab's panel is open: the conversation is on screen if the page is too. */
  panelOpen: boolean;
  /** The page is not hidden (document.visibilityState). */
  visible: boolean;
  /** The page's window has the focus (document.hasFocus()). */
  focused: boolean;
  /** Team replies the customer has not read (the session's count, the same in every tab). */
  unreadCount: number;
  /** A team reply has just arrived in this tab's conversation. */
  newReply: boolean;
  /** The site's settings: data-sound (or Parley('sound', …)) and data-title-alert. */
  soundOn: boolean;
  titleAlertOn: boolean;
  /** When this tab last played the sound (-Infinity: never), and now, in ms. */
  lastSoundAt: number;
  now: number;
}

export interface Attention {
  /** Play the sound now. */
  sound: boolean;
  /** Show the unread count in the tab's title. */
  title: boolean;
}

/** The customer is reading the conversation in this tab. */
export const isReading = (facts: Pick<AttentionFacts, 'panelOpen' | 'visible' | 'focused'>): boolean => facts.panelOpen && facts.visible && facts.focused;

export function attentionPolicy(facts: AttentionFacts): Attention {
  const reading = isReading(facts);
  return {
    sound: facts.newReply && facts.soundOn && facts.alertingTab && !reading && facts.now - facts.lastSoundAt >= SOUND_GAP_MS,
    // Reading the conversation moves the read marker in every tab: the count then goes by itself.
    title: facts.titleAlertOn && facts.unreadCount > 0,
  };
}
