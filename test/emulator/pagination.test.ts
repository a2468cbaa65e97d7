import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireConversation } from '../../demo/emulator/index';
import type { TestEmulator } from '../helpers/emulator';
import { startTestEmulator } from '../helpers/emulator';
import { callJson, createConversation } from './request';

type Paginated = { count: number; next: string | null; previous: string | null; results: WireConversation[] };

let helpdesk: TestEmulator;
/** Subjects of the 105 conversations, newest first as the list answers them. */
let newestFirst: string[];

beforeAll(async () => {
  helpdesk = await startTestEmulator();
  for (let index = 1; index <= 105; index += 1) {
    await createConversation(helpdesk, { subject: `#${index}`, user_email: index % 2 ? 'odd@example.com' : 'even@example.com' });
  }
  newestFirst = Array.from({ length: 105 }, (_, index) => `#${105 - index}`);
});
afterAll(() => helpdesk.cleanup());

const list = (query = '') => callJson<Paginated>(helpdesk, `/api/v1/conversations/${query}`);
const subjects = (page: Paginated) => page.results.map((conversation) => conversation.subject);

describe('conversations list pagination', () => {
  it('answers 20 conversations by default with the total count', async () => {
    const { body } = await list();
    expect(body.count).toBe(105);
    expect(subjects(body)).toEqual(newestFirst.slice(0, 20));
  });

  it('clamps limit to 100', async () => {
    const { status, body } = await list('?limit=500');
    expect(status).toBe(200);
    expect(body.results).toHaveLength(100);
  });

  it('skips offset conversations', async () => {
    const { body } = await list('?limit=5&offset=100');
    expect(subjects(body)).toEqual(newestFirst.slice(100));
  });

  it('answers an empty page past the end', async () => {
    const { body } = await list('?offset=200');
    expect(body).toEqual({ count: 105, next: null, previous: expect.any(String), results: [] });
  });

  it('links next and previous pages with absolute URLs', async () => {
    const { body } = await list('?limit=10&offset=10');
    expect(body.next).toBe(`${helpdesk.url}/api/v1/conversations/?limit=10&offset=20`);
    expect(body.previous).toBe(`${helpdesk.url}/api/v1/conversations/?limit=10`);
  });

  it('has no previous link on the first page and no next link on the last', async () => {
    expect((await list('?limit=50')).body.previous).toBeNull();
    expect((await list('?limit=50&offset=100')).body.next).toBeNull();
  });

  it('keeps the filters in the links', async () => {
    const { body } = await list('?user_email=odd%40example.com&limit=20&offset=20');
    expect(body.count).toBe(53);
    expect(new URL(body.next as string).searchParams.get('user_email')).toBe('odd@example.com');
    expect(new URL(body.previous as string).searchParams.get('user_email')).toBe('odd@example.com');
  });

  it('walks every conversation exactly once by following next', async () => {
    const seen: string[] = [];
    let url: string | null = `${helpdesk.url}/api/v1/conversations/?limit=30`;
    while (url) {
      const response = await fetch(url, { headers: { Authorization: `Bearer ${helpdesk.keys.client}` } });
      const page = (await response.json()) as Paginated;
      seen.push(...subjects(page));
      url = page.next;
    }
    expect(seen).toEqual(newestFirst);
  });

  it('answers {count, results} when listEnvelope is count-results', async () => {
    helpdesk.switches.listEnvelope = 'count-results';
    try {
      const { body } = await list('?limit=3&offset=1');
      expect(Object.keys(body).sort()).toEqual(['count', 'results']);
      expect(body.count).toBe(105);
      expect(subjects(body)).toEqual(newestFirst.slice(1, 4));
    } finally {
      helpdesk.switches.listEnvelope = 'paginated';
    }
  });
});
