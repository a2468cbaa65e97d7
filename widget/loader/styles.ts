// The root's styles: the base every part of the widget inherits and the launcher's rules
// (launcher.css), one generated :host rule with the site owner's theme, and three parts replaced as
// they move: the visual viewport (phones, while the panel is open), the shift that puts a floating
// root back on the viewport, and the zoom that undoes a page's CSS zoom on it.

import { DEFAULTS } from '../core/config';
import type { ResolvedConfig } from '../core/options';
import { adoptSheets } from '../dom/sheets';
import type { Shift } from '../dom/viewport-anchor';
import css from './launcher.css?inline';

export interface AppliedStyles {
  /**
   * The visible part of the layout viewport (VisualViewport), or null for none. On phones the
   * on-screen keyboard shrinks only this, so the full-screen panel follows it to keep the
   * composer in sight.
   */
  setViewport(viewport: { height: number; top: number } | null): void;
  /** Where the floating root must go to cover the viewport, when the page moved its containing block. */
  setShift(shift: Shift | null): void;
  /** The CSS zoom of the floating root's container (a page's `zoom` on html or body), undone. */
  setZoom(zoom: number): void;
  remove(): void;
}

const HEX = /^#[0-9a-f]{6}$/i;
// Focus rings fall back to the text colours when the brand colour would vanish on the panel.
const INK_LIGHT = '#111827';
const INK_DARK = '#f3f4f6';

const hex = (value: string, fallback: string) => (HEX.test(value) ? value.toLowerCase() : fallback);
const px = (value: number) => `${Math.round(Number.isFinite(value) ? value : DEFAULTS.offset)}px`;

/** The generated rule. Every value is re-checked here: it is CSS text built from config. */
export function themeCss(config: ResolvedConfig): string {
  const color = hex(config.color, DEFAULTS.color);
  const colorText = hex(config.colorText, '#ffffff');
  // colorText is white exactly when the brand colour is dark: then it shows on a light panel,
  // and a light brand colour shows on a dark one.
  const darkBrand = colorText === '#ffffff';
  const zIndex = Number.isInteger(config.zIndex) ? config.zIndex : DEFAULTS.zIndex;
  const left = config.position === 'left';
  return (
    `:host{--parley-color:${color};--parley-color-text:${colorText};` +
    `--parley-ring-light:${darkBrand ? color : INK_LIGHT};--parley-ring-dark:${darkBrand ? INK_DARK : color};` +
    `--parley-offset-x:${px(config.offsetX)};--parley-offset-y:${px(config.offsetY)};--parley-z:${zIndex};` +
    `--parley-left:${left ? 'var(--parley-offset-x)' : 'auto'};--parley-right:${left ? 'auto' : 'var(--parley-offset-x)'}` +
    // Floating, the root covers the viewport without taking a click (the launcher and panel take
    // theirs), and stacks as one: its launcher and panel are fixed inside it. It is the container
    // whose width the panel's phone layout asks (widget/ui/styles.css); not inline, where a page's
    // shrink-to-fit box (inline-block, a centred flex column) would then give the root no width.
    `${config.mode === 'inline' ? ';height:100%' : ';position:fixed!important;inset:0!important;pointer-events:none!important;z-index:var(--parley-z)!important;container-type:inline-size!important'}}`
  );
}

/** Numbers only reach the CSS text: nothing else can. */
export function viewportCss(viewport: { height: number; top: number } | null): string {
  if (!viewport || !Number.isFinite(viewport.height) || !Number.isFinite(viewport.top)) return '';
  return `:host{--parley-vv-height:${Math.round(viewport.height)}px;--parley-vv-top:${Math.round(viewport.top)}px}`;
}

/**
 * The floating root moved onto the part of the page the customer sees, scaled up there while the
 * page is zoomed out, and made the containing block of the launcher and panel (a transform does
 * that) in place of the page's. The root then is that visual viewport, so the phone's full-screen
 * panel fills the root: its visual viewport variables, written before this rule, are overridden.
 * Numbers only, as above.
 */
export function shiftCss(shift: Shift | null): string {
  if (!shift || ![shift.x, shift.y, shift.width, shift.height, shift.scale].every(Number.isFinite)) return '';
  const { x, y, width, height, scale } = shift;
  return (
    `:host{top:${y}px!important;left:${x}px!important;right:auto!important;bottom:auto!important;width:${width}px!important;height:${height}px!important;` +
    `transform:scale(${scale})!important;transform-origin:0 0!important;--parley-vv-top:0px;--parley-vv-height:${height}px}`
  );
}

/** A number only reaches the CSS text; 1 (no zoom) writes nothing. */
export function zoomCss(zoom: number): string {
  return Number.isFinite(zoom) && zoom > 0 && zoom !== 1 ? `:host{zoom:${1 / zoom}!important}` : '';
}

export function applyStyles(shadowRoot: ShadowRoot, config: ResolvedConfig, options: { nonce: string | null; doc: Document }): AppliedStyles {
  // The static sheet with the theme (set once), then the viewport, the shift and the zoom.
  const sheets = adoptSheets(shadowRoot, options, [css + themeCss(config), '', '', '']);
  return {
    setViewport: (next) => sheets.write(1, viewportCss(next)),
    setShift: (next) => sheets.write(2, shiftCss(next)),
    setZoom: (zoom) => sheets.write(3, zoomCss(zoom)),
    remove: sheets.remove,
  };
}
