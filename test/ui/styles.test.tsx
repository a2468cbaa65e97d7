import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../widget/core/options';
import { applyStyles, shiftCss, themeCss, zoomCss } from '../../widget/loader/styles';
import { defaultConfig, renderWidget } from '../helpers/render-widget';

function shadowHost() {
  const host = document.createElement('div');
  document.body.appendChild(host);
  return { host, shadowRoot: host.attachShadow({ mode: 'open' }) };
}

const sheetText = (sheet: CSSStyleSheet) => [...sheet.cssRules].map((rule) => rule.cssText).join('\n');

describe('applyStyles', () => {
  it('adopts the widget sheet with the theme rule, the viewport, the shift and the zoom, as constructable stylesheets', () => {
    const { host, shadowRoot } = shadowHost();
    const styles = applyStyles(shadowRoot, { ...defaultConfig, color: '#0f766e' }, { nonce: 'abc', doc: document });
    expect(shadowRoot.adoptedStyleSheets).toHaveLength(4);
    expect(shadowRoot.querySelector('style')).toBeNull();
    expect(sheetText(shadowRoot.adoptedStyleSheets[0]!)).toContain('--parley-color: #0f766e');

    styles.remove();
    expect(shadowRoot.adoptedStyleSheets).toHaveLength(0);
    host.remove();
  });

  it('falls back to a <style> with the CSP nonce without constructable stylesheets', () => {
    const { host, shadowRoot } = shadowHost();
    // A window without CSSStyleSheet, as in browsers before constructable stylesheets.
    const oldDocument = { defaultView: {}, createElement: (tag: string) => document.createElement(tag) } as unknown as Document;
    const styles = applyStyles(shadowRoot, { ...defaultConfig, position: 'left' }, { nonce: 'r4nd0m', doc: oldDocument });
    const style = shadowRoot.querySelector('style')!;
    expect(style.getAttribute('nonce')).toBe('r4nd0m');
    expect(style.textContent).toContain(':host');
    expect(style.textContent).toContain('--parley-color:#4f46e5');
    expect(style.textContent).toContain('--parley-left:var(--parley-offset-x)');
    styles.remove();
    expect(shadowRoot.querySelector('style')).toBeNull();
    host.remove();
  });

  it('follows the visual viewport in its own sheet, and forgets it on null', () => {
    const { host, shadowRoot } = shadowHost();
    const styles = applyStyles(shadowRoot, defaultConfig, { nonce: null, doc: document });
    styles.setViewport({ height: 351.4, top: 120 });
    expect(sheetText(shadowRoot.adoptedStyleSheets[1]!)).toMatch(/--parley-vv-height: 351px;\s*--parley-vv-top: 120px/);
    styles.setViewport(null);
    expect(sheetText(shadowRoot.adoptedStyleSheets[1]!)).toBe('');
    styles.remove();
    host.remove();
  });

  it('moves the floating root by the shift in its own sheet, and forgets it on null', () => {
    const { host, shadowRoot } = shadowHost();
    const styles = applyStyles(shadowRoot, defaultConfig, { nonce: null, doc: document });
    styles.setShift({ x: 0, y: 5037.5, width: 1280, height: 800, scale: 1 });
    const text = sheetText(shadowRoot.adoptedStyleSheets[2]!);
    expect(text).toMatch(/top: 5037.5px !important;\s*left: 0px !important/);
    expect(text).toMatch(/width: 1280px !important;\s*height: 800px !important/);
    expect(text).toMatch(/transform: scale\(1\) !important/);
    styles.setShift(null);
    expect(sheetText(shadowRoot.adoptedStyleSheets[2]!)).toBe('');
    styles.remove();
    host.remove();
  });

  it('undoes the container’s zoom in its own sheet, and forgets it at 1', () => {
    const { host, shadowRoot } = shadowHost();
    const styles = applyStyles(shadowRoot, defaultConfig, { nonce: null, doc: document });
    styles.setZoom(0.8);
    expect(sheetText(shadowRoot.adoptedStyleSheets[3]!)).toMatch(/zoom: 1.25 !important/);
    styles.setZoom(1);
    expect(sheetText(shadowRoot.adoptedStyleSheets[3]!)).toBe('');
    styles.remove();
    host.remove();
  });

  it('writes the viewport into the <style> fallback too, numbers only', () => {
    const { host, shadowRoot } = shadowHost();
    const oldDocument = { defaultView: {}, createElement: (tag: string) => document.createElement(tag) } as unknown as Document;
    const styles = applyStyles(shadowRoot, defaultConfig, { nonce: null, doc: oldDocument });
    styles.setViewport({ height: 400, top: 0 });
    expect(shadowRoot.querySelector('style')!.textContent).toContain('--parley-vv-height:400px');
    styles.setViewport({ height: Number.NaN, top: 0 });
    expect(shadowRoot.querySelector('style')!.textContent).not.toContain('--parley-vv-height');
    expect(shadowRoot.querySelector('style')!.textContent).toContain('--parley-color:#4f46e5');
    host.remove();
  });

  it('is applied by renderWidget like the entry does', () => {
    const widget = renderWidget();
    expect(widget.shadowRoot.adoptedStyleSheets.length).toBeGreaterThanOrEqual(2);
  });
});

describe('themeCss', () => {
  const css = (patch: Partial<ResolvedConfig>) => themeCss({ ...defaultConfig, ...patch });

  it('puts the brand colour, its text colour, offsets, side and z-index in :host variables', () => {
    const text = css({ color: '#FFCC00', colorText: '#000000', offsetX: 12, offsetY: 30.6, zIndex: 99, position: 'left' });
    expect(text).toMatch(/^:host\{/);
    expect(text).toContain('--parley-color:#ffcc00;--parley-color-text:#000000');
    expect(text).toContain('--parley-offset-x:12px;--parley-offset-y:31px;--parley-z:99');
    expect(text).toContain('--parley-left:var(--parley-offset-x);--parley-right:auto');
  });

  it('never lets an unvalidated value into the CSS text', () => {
    const text = css({
      color: 'red;}body{display:none',
      colorText: 'url(https://evil.example)',
      offsetX: Number.NaN,
      zIndex: 1.5,
    } as Partial<ResolvedConfig>);
    expect(text).not.toMatch(/body|url|NaN|evil/);
    expect(text).toContain('--parley-color:#4f46e5');
    expect(text.match(/[{}]/g)).toEqual(['{', '}']);
  });

  it('makes the host fill its container in inline mode', () => {
    expect(css({ mode: 'inline' })).toContain('height:100%');
    expect(css({ mode: 'floating' })).not.toContain('height');
  });

  it('makes the floating host a layer over the viewport that lets clicks through and stacks at the z-index', () => {
    // !important: page rules on div or [popover] outrank a normal :host rule.
    expect(css({ mode: 'floating', zIndex: 99 })).toContain(
      'position:fixed!important;inset:0!important;pointer-events:none!important;z-index:var(--parley-z)!important',
    );
    expect(css({ mode: 'inline' })).not.toMatch(/position|pointer-events|z-index:/);
  });

  it('makes the floating host, and only it, the container whose width the panel’s phone layout asks', () => {
    expect(css({ mode: 'floating' })).toContain('container-type:inline-size!important');
    // Inline, a page's shrink-to-fit target (inline-block, a centred flex column) would give a
    // width-contained root no width at all.
    expect(css({ mode: 'inline' })).not.toContain('container-type');
  });
});

describe('shiftCss', () => {
  it('writes numbers only, and nothing for a shift that is not one', () => {
    expect(shiftCss({ x: -8, y: 120.25, width: 390, height: 844, scale: 2.5 })).toBe(
      ':host{top:120.25px!important;left:-8px!important;right:auto!important;bottom:auto!important;width:390px!important;height:844px!important;' +
        'transform:scale(2.5)!important;transform-origin:0 0!important;--parley-vv-top:0px;--parley-vv-height:844px}',
    );
    expect(shiftCss({ x: 0, y: Number.NaN, width: 390, height: 844, scale: 1 })).toBe('');
    expect(shiftCss({ x: 0, y: 0, width: Number.POSITIVE_INFINITY, height: 844, scale: 1 })).toBe('');
    expect(shiftCss({ x: 0, y: 0, width: 390, height: 844, scale: Number.NaN })).toBe('');
    expect(shiftCss(null)).toBe('');
  });
});

describe('zoomCss', () => {
  it('undoes the zoom of the root’s container, and writes nothing for none or for one that is not a zoom', () => {
    expect(zoomCss(0.8)).toBe(':host{zoom:1.25!important}');
    expect(zoomCss(2)).toBe(':host{zoom:0.5!important}');
    expect(zoomCss(1)).toBe('');
    expect(zoomCss(0)).toBe('');
    expect(zoomCss(-2)).toBe('');
    expect(zoomCss(Number.NaN)).toBe('');
    expect(zoomCss(Number.POSITIVE_INFINITY)).toBe('');
  });
});

describe('the widget stylesheet', () => {
  // Read from disk: Vitest stubs CSS imports, `?inline` ones included, with an empty string.
  // The loader's sheet (root, base, launcher) and the panel's, in the order they are adopted.
  const css = ['widget/loader/launcher.css', 'widget/ui/styles.css'].map((file) => readFileSync(resolve(process.cwd(), file), 'utf8')).join('\n');

  it('keeps the promises of a guest on someone else’s page', () => {
    // Page rules match the host element and outrank normal :host rules; only an !important from
    // the shadow root wins, so the host's rules are the one place it is used.
    const host = css.match(/:host\s*\{[^}]*\}/)?.[0] ?? '';
    expect(host.replace(/\/\*[\s\S]*?\*\//g, '')).toMatch(/^:host\s*\{\s*all:\s*initial !important;\s*display:\s*block !important;\s*\}$/);
    // …and the host's backdrop when it is in the top layer, which page `::backdrop` rules reach.
    expect(css).toMatch(/:host::backdrop\s*\{\s*display:\s*none !important;\s*\}/);
    expect(css.match(/!important;/g)).toHaveLength(3);
    // Inherited properties are set inside the shadow root, where page rules cannot reach.
    expect(css).toMatch(
      /\.parley\s*\{[^}]*text-transform:\s*none[^}]*letter-spacing:\s*normal|\.parley\s*\{[^}]*letter-spacing:\s*normal[^}]*text-transform:\s*none/,
    );
    expect(css).not.toMatch(/\d+(\.\d+)?r?em\b/); // px only: the host's root font size must not scale us
    expect(css).not.toMatch(/(?<![.\w-])(html|body)\s*[{,]/); // never styles (or locks the scroll of) the page
    expect(css).toContain('prefers-reduced-motion');
    expect(css).toContain('prefers-color-scheme: dark');
    expect(css).toContain('height: var(--parley-vv-height, 100vh)'); // phones: the visual viewport, above the keyboard
    expect(css).toContain('env(safe-area-inset-bottom)');
    expect(css).toContain('overscroll-behavior: contain');
    expect(css).toContain('font-size: 16px'); // inputs: under 16px, iOS zooms the page
  });
});
