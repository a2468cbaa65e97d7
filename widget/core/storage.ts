// Persistent key-value storage that never breaks the widget. localStorage may be missing, may
// throw on access (sandboxed iframes, blocked third-party storage), may refuse writes (quota,
// old Safari private mode) or hold corrupt data; every one of those falls back to memory.

import { stringifyJson } from './json';

/** Every key Parley writes starts with this, whatever the namespace or version. */
export const STORAGE_PREFIX = 'parley:';
// Bump when a stored shape changes incompatibly; old versions are simply never read again.
const VERSION = 'v1';

export interface StorageOptions {
  /** A getter, not the object: merely reading `window.localStorage` can throw. */
  backend: () => Storage | null;
  apiUrl: string;
  clientKey: string;
}

export interface ParleyStorage {
  /** The stored JSON value, or null when absent or unreadable. */
  get<T>(name: string): T | null;
  /** Stores a JSON value; a value JSON cannot represent (undefined, a function) removes the key. */
  set(name: string, value: unknown): void;
  /** Removes every `parley:` key of the backend (any site key, any version) and the memory copy. */
  clearAll(): void;
}

/**
 * FNV-1a (32 bits) in base 36: short, stable across sessions and browsers. It only keeps two
 * sites or two helpdesks on one origin apart; it is not meant to hide the key.
 */
export function shortHash(input: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    hash ^= input.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/**
 * JSON from storage or another tab, or null when absent or malformed. Takes null (JSON.parse reads
 * it as "null") and undefined (it throws) alike, so callers pass what they got as it is.
 */
export function parseJson(raw: string | null | undefined): unknown {
  try {
    return JSON.parse(raw as string);
  } catch {
    return null;
  }
}

/**
 * Where one widget's keys live: one helpdesk and client key, one format version. The tab leader's
 * lease and the tab channel are named under it too, so that one widget's keys stay together.
 */
export const storageNamespace = (apiUrl: string, clientKey: string) => `${STORAGE_PREFIX}${VERSION}:${shortHash(`${apiUrl}\n${clientKey}`)}`;

export function createStorage({ backend, apiUrl, clientKey }: StorageOptions): ParleyStorage {
  const namespace = `${storageNamespace(apiUrl, clientKey)}:`;
  // Values whose last write did not reach the backend; they are newer than what it holds.
  const memory = new Map<string, string>();

  /** `use` run on the backend; undefined when it is missing or throws (even on being reached). */
  function tryBackend<T>(use: (store: Storage) => T): T | undefined {
    try {
      const store = backend();
      return store ? use(store) : undefined;
    } catch {
      return undefined;
    }
  }

  return {
    get<T>(name: string): T | null {
      return parseJson(memory.get(name) ?? tryBackend((store) => store.getItem(namespace + name))) as T | null;
    },

    set(name, value) {
      let raw: string | undefined;
      try {
        raw = stringifyJson(value);
      } catch {
        // A cycle or a BigInt: not storable, like undefined.
      }
      if (raw === undefined) {
        memory.delete(name);
        return void tryBackend((store) => store.removeItem(namespace + name));
      }
      const written = tryBackend((store) => {
        store.setItem(namespace + name, raw);
        return true;
      });
      if (written) memory.delete(name);
      else memory.set(name, raw);
    },

    clearAll() {
      memory.clear();
      tryBackend((store) => {
        // Collect first: removing while indexing shifts the indices.
        const keys: string[] = [];
        for (let i = 0; i < store.length; i++) {
          const key = store.key(i);
          if (key?.startsWith(STORAGE_PREFIX)) keys.push(key);
        }
        for (const key of keys) {
          try {
            store.removeItem(key);
          } catch {
            // Keep going: one stuck key must not keep the others.
          }
        }
      });
    },
  };
}
