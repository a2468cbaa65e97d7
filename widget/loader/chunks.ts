// The rest of the widget, fetched from beside the loader as classic scripts, under content-hashed
// names so that a loader only ever meets the files it was built with: the conversation code, and
// the languages' index, whose names and hashes are written into the loader at build time; each
// language's texts, whose names and hashes the index holds. So the loader stays the same size
// however many languages there are, and only customers who read another language than English
// fetch the index. Each file, once run, puts what it brings in `window.ParleyChunks` under its
// name ('app', 'languages', 'strings:fr').
//
// Classic <script> elements rather than import(): they carry the tag's nonce (a strict CSP with or
// without 'strict-dynamic'), its Subresource Integrity (the loader pins each file's hash when the
// tag itself has an integrity attribute) and a Trusted Types script URL.

import type { AppModule } from '../contract';
import type { Strings } from '../i18n/en';
import type { Chunks } from './create-parley';

export interface ChunkFile {
  /** The file name, resolved against the loader's own address. */
  file: string;
  /** Its Subresource Integrity hash, `sha256-…`. */
  integrity: string;
}

export interface ChunkManifest {
  app: ChunkFile;
  /** The languages' index: a LanguageIndex. */
  languages: ChunkFile;
}

/** Each language's file but English's, by language. */
export type LanguageIndex = Record<string, ChunkFile>;

/** dist/manifest.json, for the size check and the bench: the loader's manifest and the index's files. */
export type BuildManifest = ChunkManifest & { strings: LanguageIndex };

type Registry = Record<string, unknown>;
type TrustedTypesWindow = Window & {
  ParleyChunks?: Registry;
  trustedTypes?: { createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): unknown } };
};

/** The Trusted Types policy's name: a site that enforces Trusted Types lists it (`trusted-types parley`). */
export const POLICY_NAME = 'parley';

/**
 * A request that stalls (a mobile connection gone dead without an error, a server that never
 * answers) fires neither load nor error for minutes, and the customer who clicked would watch the
 * launcher spin with no end. After this long it counts as failed: they are told, and can try again.
 * The file's request goes on: if it runs after all, the next try finds it at once, and a try
 * already under way ends then too. Otherwise the next try asks for the file anew, under an address
 * of its own (`?retry=1`): a second script of the same address would wait on the stalled request. The conversation code takes under a second on
 * Lighthouse's mobile connection, about 6 s on a 2G one.
 */
export const STALLED_MS = 15_000;

export function scriptChunks(page: Window, loader: HTMLScriptElement | null, manifest: ChunkManifest): Chunks {
  const win = page as TrustedTypesWindow;
  const doc = win.document;
  // Beside the loader, whatever its address: a CDN path, a sub-folder or the site's root.
  const base = loader?.src || doc.baseURI;
  const pinned = Boolean(loader?.integrity);
  const pending = new Map<string, Promise<unknown>>();
  /** Each file's try under way, and how to end it should an earlier, stalled request arrive after all. */
  const underWay = new Map<string, (value: unknown) => void>();
  /** How many of each file's requests stalled: the next try's address says so. */
  const stalls = new Map<string, number>();
  /** The files of this build that may be loaded, by address: the manifest's, then the index's. */
  const known = new Set<string>();
  let toScriptUrl: ((url: string) => unknown) | undefined;

  /** A script URL Trusted Types accepts: only this build's files, beside the loader. */
  function scriptUrl(url: string): unknown {
    if (!toScriptUrl) {
      toScriptUrl = (value) => value;
      try {
        const policy = win.trustedTypes?.createPolicy(POLICY_NAME, {
          createScriptURL(value) {
            if (!known.has(value)) throw new TypeError(`${value} is not a file of this Parley build`);
            return value;
          },
        });
        if (policy) toScriptUrl = (value) => policy.createScriptURL(value);
      } catch {
        // The page's CSP does not allow the policy's name: setting the URL then fails, and says so.
      }
    }
    return toScriptUrl(url);
  }

  function load(name: string, chunk: ChunkFile): Promise<unknown> {
    const registry = () => (win.ParleyChunks ??= {});
    if (name in registry()) return Promise.resolve(registry()[name]);
    const running = pending.get(name);
    if (running) return running;
    const stalled = stalls.get(name) ?? 0;
    const url = new URL(stalled ? `${chunk.file}?retry=${stalled}` : chunk.file, base).href;
    known.add(url);
    const loading: Promise<unknown> = new Promise((resolve, reject) => {
      const tag = doc.createElement('script');
      let blocked = false;
      const onViolation = (event: SecurityPolicyViolationEvent) => {
        if (event.blockedURI && url.startsWith(event.blockedURI)) blocked = true;
      };
      // A try after a stall has a request of its own.
      const forget = () => pending.get(name) === loading && pending.delete(name);
      const timer = win.setTimeout(() => {
        stalls.set(name, stalled + 1);
        forget();
        reject(new Error(`${url} did not arrive within ${STALLED_MS / 1000} s: the connection is very slow or stalled, or the server does not answer.`));
      }, STALLED_MS);
      const done = () => {
        win.clearTimeout(timer);
        doc.removeEventListener('securitypolicyviolation', onViolation);
        tag.parentNode?.removeChild(tag);
        forget();
        if (underWay.get(name) === arrived) underWay.delete(name);
      };
      const arrived = (value: unknown) => {
        done();
        resolve(value);
      };
      underWay.set(name, arrived);
      tag.onload = () => {
        if (!(name in registry())) {
          done();
          return reject(new Error(`${url} ran but brought nothing: is it a file of another Parley version?`));
        }
        arrived(registry()[name]);
        // This request may be one that stalled: a try after it need not wait for its own.
        underWay.get(name)?.(registry()[name]);
      };
      tag.onerror = () => {
        done();
        reject(new Error(`${url} could not be loaded: ${cause(win, blocked, pinned)}`));
      };
      doc.addEventListener('securitypolicyviolation', onViolation);
      if (loader?.nonce) tag.nonce = loader.nonce;
      if (pinned) tag.integrity = chunk.integrity;
      // The tag's CORS mode (needed for integrity on another origin), for the files beside it.
      const crossOrigin = loader?.getAttribute('crossorigin');
      if (crossOrigin !== null && crossOrigin !== undefined) tag.setAttribute('crossorigin', crossOrigin);
      try {
        (tag as { src: unknown }).src = scriptUrl(url);
      } catch (error) {
        done();
        return reject(
          new Error(
            `${url} was refused by the page's Trusted Types policy (${String(error)}): allow the policy "${POLICY_NAME}" (trusted-types ${POLICY_NAME}).`,
          ),
        );
      }
      tag.async = true;
      (doc.head ?? doc.documentElement).appendChild(tag);
    });
    pending.set(name, loading);
    return loading;
  }

  return {
    app: () => load('app', manifest.app) as Promise<AppModule>,
    async strings(language) {
      const index = (await load('languages', manifest.languages)) as LanguageIndex;
      const chunk = index[language];
      if (!chunk) throw new Error(`no texts for "${language}" in ${manifest.languages.file}`);
      return (await load(`strings:${language}`, chunk)) as Strings;
    },
  };
}

function cause(win: Window, blocked: boolean, pinned: boolean): string {
  if (blocked) return "the page's Content Security Policy blocked it (give the Parley tag the page's nonce, or allow its folder in script-src).";
  if (win.navigator.onLine === false) return 'the device is offline.';
  return `not found or not reachable${pinned ? ', or its integrity does not match' : ''}: host the whole dist/ folder beside parley.js, from the same build.`;
}
