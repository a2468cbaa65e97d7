// What the loader and the conversation code ("the app") know of each other: the loader draws the
// root and the launcher, owns the panel's open state and the events, and loads the app when it is
// wanted; the app draws the panel in the loader's root and runs the conversation. Types only: the
// two are built into different files, and nothing but these shapes crosses between them.

import type { IdentifyInput, Logger, NewConversationInput } from './core/commands';
import type { Emitter } from './core/emitter';
import type { ParleyEvents } from './core/events';
import type { ResolvedConfig } from './core/options';
import type { PanelStrings, Strings } from './i18n/en';
import type { WidgetRoot } from './loader/root';

export type ParleyEventMap = { [K in keyof ParleyEvents]: ParleyEvents[K] };

/** How the panel is drawn: open or not, in which language. */
export interface View {
  open: boolean;
  locale: string;
  dir: 'ltr' | 'rtl';
  strings: Strings;
}

export interface AppHost {
  window: Window;
  /** Defaults to the window's fetch. */
  fetch?: typeof fetch;
  log: Logger;
  config: ResolvedConfig;
  root: WidgetRoot;
  emit: Emitter<ParleyEventMap>['emit'];
  /** The panel asks to close (its Close button); the loader decides and calls update(). */
  setOpen(open: boolean): void;
  /** The count of unread team replies, for the launcher's badge. */
  setUnread(count: number): void;
  /** Whether the reply sound is on: Parley('sound', …) changes it live. */
  soundOn(): boolean;
  version: string;
}

export interface AppControl {
  update(view: View): void;
  identify(identity: IdentifyInput): void;
  /** Checked by the loader (validateMetadata). */
  metadata(data: Record<string, unknown>): void;
  newConversation(input: NewConversationInput): void;
  reset(): void;
  transcript(): Promise<string>;
  destroy(): void;
}

export interface AppModule {
  startApp(host: AppHost, view: View): AppControl;
  /** The panel's English texts, carried by the app itself. */
  english: PanelStrings;
}
