// The console's side of the helpdesk API: what a site owner's backend does with a server key
// (read every conversation and note, reply, resolve), plus the emulator's admin endpoints.
// The wire shapes are used as they are: this is a tool for looking at the API, not a second widget.

import type { Switches, WireConversation, WireMessage } from '../emulator/types';

export type { Switches, WireConversation, WireMessage };

/** Injected by demo/serve.ts as /console/config.json. */
export interface ConsoleConfig {
  apiUrl: string;
  serverKey: string;
  clientKey: string;
  agentEmail: string;
}

export type MessageKind = 'reply' | 'note';

export type FaultPlan =
  | { kind: 'fail-next'; method?: string; path: string; count: number; status: number; retryAfter?: string }
  | { kind: 'lose-next'; method?: string; path: string; count: number };

export class ConsoleApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json answered ${response.status}`);
  return (await response.json()) as ConsoleConfig;
}

/** Reads `{"detail": …}` and DRF-style field lists into one sentence. */
function describeError(status: number, text: string): string {
  try {
    const data = JSON.parse(text) as unknown;
    if (data && typeof data === 'object') {
      const record = data as Record<string, unknown>;
      if (typeof record.detail === 'string') return record.detail;
      const fields = Object.entries(record)
        .map(([field, problems]) => `${field}: ${Array.isArray(problems) ? problems.join(' ') : String(problems)}`)
        .join('; ');
      if (fields) return fields;
    }
  } catch {
    // Not JSON: a proxy page or plain text, shown as is below.
  }
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain ? `${status}: ${plain.slice(0, 160)}` : `The API answered ${status}.`;
}

export function createConsoleApi(config: ConsoleConfig) {
  const base = config.apiUrl.replace(/\/+$/, '');

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        cache: 'no-store',
        headers: {
          Accept: 'application/json',
          Authorization: `Bearer ${config.serverKey}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ConsoleApiError(0, `The emulator at ${base} could not be reached (is \`npm run demo\` still running?).`);
    }
    const text = await response.text();
    if (!response.ok) throw new ConsoleApiError(response.status, describeError(response.status, text));
    return (text ? JSON.parse(text) : null) as T;
  }

  const conversationPath = (id: string) => `/api/v1/conversations/${encodeURIComponent(id)}`;

  return {
    async listConversations(): Promise<WireConversation[]> {
      // Both envelopes the switch can choose carry `results`; 100 is the API's largest page.
      const page = await call<{ results: WireConversation[] }>('GET', '/api/v1/conversations/?limit=100');
      return page.results;
    },
    async listMessages(id: string): Promise<WireMessage[]> {
      const page = await call<{ results: WireMessage[] }>('GET', `${conversationPath(id)}/messages/`);
      return page.results;
    },
    sendMessage(id: string, body: string, userEmail: string, kind: MessageKind): Promise<WireMessage> {
      return call('POST', `${conversationPath(id)}/messages/create/`, { body, user_email: userEmail, message_type: kind });
    },
    resolve(id: string): Promise<WireConversation> {
      return call('POST', `${conversationPath(id)}/resolve/`);
    },
    getSwitches(): Promise<Switches> {
      return call('GET', '/__emulator/switches');
    },
    patchSwitches(patch: Partial<Switches>): Promise<Switches> {
      return call('PATCH', '/__emulator/switches', patch);
    },
    planFault(plan: FaultPlan): Promise<unknown> {
      return call('POST', '/__emulator/faults', plan);
    },
  };
}

export type ConsoleApi = ReturnType<typeof createConsoleApi>;
