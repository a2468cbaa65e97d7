// The public options (product.md) and the resolved configuration the rest of the widget reads.
// config.ts parses and validates; these are only the shapes.

import type { AuthHeader, Priority } from '../api/types';

export type Position = 'right' | 'left';
export type Theme = 'light' | 'dark' | 'auto';
export type Mode = 'floating' | 'inline';

/** What a site owner passes to `Parley('init', …)` or `createParley(…)`. */
export interface ParleyOptions {
  /** Client key, `bnc_cl_…`. A server key (`bnc_sv_…`) is refused. */
  clientKey: string;
  /** The helpdesk's base URL. */
  apiUrl: string;
  authHeader?: AuthHeader;
  title?: string;
  greeting?: string;
  teamName?: string;
  /** Any CSS hex colour: #rgb, #rgba, #rrggbb, #rrggbbaa. */
  color?: string;
  position?: Position;
  /** Distance from the corner in px: one number for both, or per axis. */
  offset?: number | { x?: number; y?: number };
  zIndex?: number;
  theme?: Theme;
  locale?: string;
  requireEmail?: boolean;
  priority?: Priority;
  /**
   * Page metadata with new conversations: true (addresses redacted), 'full' (addresses as they
   * are, fragment and secrets included) or false (none).
   */
  pageInfo?: boolean | 'full';
  /** Query parameter names to redact from the page address, beside the built-in ones. */
  redactParams?: readonly string[] | string;
  /** A soft sound when the team replies while the customer is not looking (default true). */
  sound?: boolean;
  /** The unread count in the tab's title while team replies are unread (default true). */
  titleAlert?: boolean;
  launcher?: boolean;
  open?: boolean;
  mode?: Mode;
  /** CSS selector (or, from code, the element) that holds the panel in inline mode. */
  target?: string | Element;
  /** CSP nonce for the `<style>` fallback; read from the script tag's `nonce` when present. */
  nonce?: string;
}

export interface ResolvedConfig {
  clientKey: string;
  /** Without a trailing slash. */
  apiUrl: string;
  authHeader: AuthHeader;
  /** null: use the locale's default ("Support"). */
  title: string | null;
  greeting: string | null;
  /** null: the title. */
  teamName: string | null;
  /** Normalised #rrggbb (alpha dropped: the launcher must be opaque). */
  color: string;
  /** #000000 or #ffffff, whichever contrasts more with `color` (WCAG ratio). */
  colorText: string;
  position: Position;
  offsetX: number;
  offsetY: number;
  zIndex: number;
  theme: Theme;
  /** null: the browser's. */
  locale: string | null;
  requireEmail: boolean;
  priority: Priority;
  /** true: addresses redacted (redact-url.ts); 'full': as they are; false: no page metadata. */
  pageInfo: boolean | 'full';
  /** Trimmed, non-empty names. */
  redactParams: readonly string[];
  sound: boolean;
  titleAlert: boolean;
  launcher: boolean;
  open: boolean;
  mode: Mode;
  target: string | Element | null;
  nonce: string | null;
}
