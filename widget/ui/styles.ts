// The widget's CSS lives in its shadow root: the static sheet plus one generated :host rule with
// the site owner's theme. Nothing is ever set through a `style` attribute, so a strict CSP
// without 'unsafe-inline' keeps working (only the <style> fallback needs the nonce).

import type { ResolvedConfig } from '../core/options';
import type { Shift } from '../dom/viewport-anchor';
import css from './styles.css?inline';

export interface AppliedStyles {
  /**
   * The visible part of the layout viewport (VisualViewport), or null for none. On phones the
   * on-screen keyboard shrinks only this, so the full-screen panel follows it to keep the
   * composer in sight.
   */
  setViewport(viewport: { height: number; top: number } | null): void;
  /** Where the floating root must go to cover the viewport, when the page moved its containing block. */
  setShift(shift: Shift | null): void;
  remove(): void;
}

const HEX = /^#[0-9a-f]{6}$/i;
const DEFAULT_COLOR = '#4f46e5';
// Focus rings fall back to the text colours when the brand colour would vanish on the panel.
const INK_LIGHT = '#111827';
const INK_DARK = '#f3f4f6';

const hex = (value: string, fallback: string) => (HEX.test(value) ? value.toLowerCase() : fallback);
const px = (value: number) => `${Number.isFinite(value) ? Math.round(value) : 20}px`;

/** The generated rule. Every value is re-checked here: it is CSS text built from config. */
export function themeCss(config: ResolvedConfig): string {
  const color = hex(config.color, DEFAULT_COLOR);
  const colorText = hex(config.colorText, '#ffffff');
  // colorText is white exactly when the brand colour is dark: then it shows on a light panel,
  // and a light brand colour shows on a dark one.
  const darkBrand = colorText === '#ffffff';
  const zIndex = Number.isInteger(config.zIndex) ? config.zIndex : 2147483000;
  const left = config.position === 'left';
  return (
    `:host{--parley-color:${color};--parley-color-text:${colorText};` +
    `--parley-ring-light:${darkBrand ? color : INK_LIGHT};--parley-ring-dark:${darkBrand ? INK_DARK : color};` +
    `--parley-offset-x:${px(config.offsetX)};--parley-offset-y:${px(config.offsetY)};--parley-z:${zIndex};` +
    `--parley-left:${left ? 'var(--parley-offset-x)' : 'auto'};--parley-right:${left ? 'auto' : 'var(--parley-offset-x)'}` +
    // Floating, the root covers the viewport without taking a click (the launcher and panel take
    // theirs), and stacks as one: its launcher and panel are fixed inside it.
    `${config.mode === 'inline' ? ';height:100%' : ';position:fixed!important;inset:0!important;pointer-events:none!important;z-index:var(--parley-z)!important'}}`
  );
}

/** Numbers only reach the CSS text: nothing else can. */
export function viewportCss(viewport: { height: number; top: number } | null): string {
  if (!viewport || !Number.isFinite(viewport.height) || !Number.isFinite(viewport.top)) return '';
  return `:host{--parley-vv-height:${Math.round(viewport.height)}px;--parley-vv-top:${Math.round(viewport.top)}px}`;
}

/**
 * The floating root moved back onto the viewport, and made the containing block of the launcher
 * and panel (a transform does that) in place of the page's. Numbers only, as above.
 */
export function shiftCss(shift: Shift | null): string {
  if (!shift || ![shift.x, shift.y, shift.width, shift.height].every(Number.isFinite)) return '';
  const { x, y, width, height } = shift;
  return `:host{top:${y}px!important;left:${x}px!important;right:auto!important;bottom:auto!important;width:${width}px!important;height:${height}px!important;transform:translate(0)!important}`;
}

function supportsConstructable(doc: Document, root: ShadowRoot): boolean {
  const view = doc.defaultView;
  return Boolean(view && 'adoptedStyleSheets' in root && typeof view.CSSStyleSheet?.prototype.replaceSync === 'function');
}

export function applyStyles(
  shadowRoot: ShadowRoot,
  config: ResolvedConfig,
  options: { nonce: string | null; doc: Document },
): AppliedStyles {
  const { doc, nonce } = options;
  // Three parts: the static sheet with the theme (set once), then the viewport and the shift,
  // each replaced as it moves.
  const parts = [css + themeCss(config), '', ''];
  let write: (index: number, text: string) => void;
  let remove: () => void;
  if (supportsConstructable(doc, shadowRoot)) {
    // The sheets must come from the shadow root's own window (an iframe's host differs).
    const Sheet = doc.defaultView!.CSSStyleSheet;
    const sheets = parts.map((text) => {
      const sheet = new Sheet();
      sheet.replaceSync(text);
      return sheet;
    });
    shadowRoot.adoptedStyleSheets = [...shadowRoot.adoptedStyleSheets, ...sheets];
    write = (index, text) => sheets[index]!.replaceSync(text);
    remove = () => {
      shadowRoot.adoptedStyleSheets = shadowRoot.adoptedStyleSheets.filter((sheet) => !sheets.includes(sheet));
    };
  } else {
    const style = doc.createElement('style');
    if (nonce) style.setAttribute('nonce', nonce);
    write = (index, text) => {
      parts[index] = text;
      style.textContent = parts.join('');
    };
    write(1, '');
    shadowRoot.prepend(style);
    remove = () => style.remove();
  }
  return {
    setViewport: (next) => write(1, viewportCss(next)),
    setShift: (next) => write(2, shiftCss(next)),
    remove,
  };
}
