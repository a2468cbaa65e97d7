// Saves a text as a file the customer downloads, from inside the widget's shadow root: a Blob URL
// on an <a download> that is clicked and removed. Nothing is parsed as HTML on the way.

// Revoking the URL as soon as click() returns can cancel the download in some browsers, which read
// the Blob after the event (FileSaver.js waits 40 s for the same reason).
const REVOKE_AFTER_MS = 40_000;

export function downloadText(container: ShadowRoot | Element, fileName: string, text: string): void {
  const doc = container.ownerDocument;
  const win = doc?.defaultView;
  if (!doc || !win) return;
  const url = win.URL.createObjectURL(new win.Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  container.appendChild(link);
  link.click();
  link.remove();
  win.setTimeout(() => win.URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
