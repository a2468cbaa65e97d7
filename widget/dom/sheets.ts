// Style sheets in the widget's shadow root, replaced part by part. Nothing is ever set through a
// `style` attribute, so a strict CSP without 'unsafe-inline' keeps working (only the <style>
// fallback needs the nonce).

export interface Sheets {
  /** Replaces the text of one part. */
  write(index: number, text: string): void;
  remove(): void;
}

function supportsConstructable(doc: Document, root: ShadowRoot): boolean {
  const view = doc.defaultView;
  return Boolean(view && 'adoptedStyleSheets' in root && typeof view.CSSStyleSheet?.prototype.replaceSync === 'function');
}

/**
 * Adds `parts` to the shadow root's styles, after those already there (the loader's come first,
 * then the panel's), as constructable sheets where the browser has them, else one <style>.
 */
export function adoptSheets(shadowRoot: ShadowRoot, options: { nonce: string | null; doc: Document }, parts: string[]): Sheets {
  const { doc, nonce } = options;
  if (supportsConstructable(doc, shadowRoot)) {
    // The sheets must come from the shadow root's own window (an iframe's host differs).
    const Sheet = doc.defaultView!.CSSStyleSheet;
    const sheets = parts.map((text) => {
      const sheet = new Sheet();
      sheet.replaceSync(text);
      return sheet;
    });
    shadowRoot.adoptedStyleSheets = [...shadowRoot.adoptedStyleSheets, ...sheets];
    return {
      write: (index, text) => sheets[index]!.replaceSync(text),
      remove() {
        shadowRoot.adoptedStyleSheets = shadowRoot.adoptedStyleSheets.filter((sheet) => !sheets.includes(sheet));
      },
    };
  }
  const style = doc.createElement('style');
  if (nonce) style.setAttribute('nonce', nonce);
  const write = (index: number, text: string) => {
    parts[index] = text;
    style.textContent = parts.join('');
  };
  write(0, parts[0] ?? '');
  // After the other <style> elements, before what is drawn.
  const drawn = Array.from(shadowRoot.childNodes).find((node) => node.nodeName !== 'STYLE') ?? null;
  shadowRoot.insertBefore(style, drawn);
  return { write, remove: () => style.parentNode?.removeChild(style) };
}
