// The data file: loaded once at start, rewritten atomically after every mutation so that a crash
// or Ctrl-C mid-write never leaves half a file (temp file in the same folder, fsync, rename).

import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { WireConversation, WireMessage, WireRequester } from './types';
import { isObject } from './validate';

export interface Db {
  version: 1;
  nextNumber: number;
  /** Insertion order; readers sort as the endpoint requires. */
  conversations: WireConversation[];
  /** Per conversation id, oldest first. */
  messages: Record<string, WireMessage[]>;
  /** Known end users with an email, looked up by create. */
  users: WireRequester[];
}

export const DB_FILE = 'db.json';

export function emptyDb(): Db {
  return { version: 1, nextNumber: 1, conversations: [], messages: {}, users: [] };
}

export function dbPath(dataDir: string): string {
  return join(dataDir, DB_FILE);
}

/** Reads the data file, or an empty database when there is none yet; a corrupt file throws. */
export function loadDb(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const path = dbPath(dataDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyDb();
    throw error;
  }
  // Never wipe a file we cannot read: it may be the only copy of someone's demo data.
  const corrupt = (why: string) => new Error(`Emulator data file ${path} is corrupt (${why}). Move it away or delete it to start with an empty database.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw corrupt(`not JSON: ${(error as Error).message}`);
  }
  if (!isObject(parsed) || parsed.version !== 1) throw corrupt('missing "version": 1');
  const { nextNumber, conversations, messages, users } = parsed;
  if (typeof nextNumber !== 'number' || !Number.isInteger(nextNumber) || nextNumber < 1) throw corrupt('bad "nextNumber"');
  if (!Array.isArray(conversations) || !conversations.every(isObject)) throw corrupt('bad "conversations"');
  if (!isObject(messages) || !Object.values(messages).every(Array.isArray)) throw corrupt('bad "messages"');
  if (!Array.isArray(users)) throw corrupt('bad "users"');
  return parsed as unknown as Db;
}

export const serializeDb = (db: Db): string => JSON.stringify(db, null, 1);

export function saveDb(dataDir: string, text: string): void {
  const path = dbPath(dataDir);
  const temp = join(dataDir, `.${DB_FILE}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
