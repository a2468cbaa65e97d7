// The emulator in a child process (bench/emulator-process.ts), and what the bench does to it over
// HTTP with the server key, as an agent's tools would: create conversations, post messages.

import { spawn } from 'node:child_process';
import { once } from 'node:events';

export const CLIENT_KEY = 'bnc_cl_bench';
const SERVER_HEADERS = { Authorization: 'Bearer bnc_sv_bench', 'Content-Type': 'application/json' };
export const AGENT_EMAIL = 'agent@parley.test';

export interface BenchEmulator {
  url: string;
  clientKey: string;
  createConversation(input: { subject: string; description: string; email: string }): Promise<{ id: string }>;
  addMessage(conversationId: string, body: string, email?: string): Promise<void>;
  agentReply(conversationId: string, body: string): Promise<void>;
  stop(): Promise<void>;
}

async function post(url: string, body: unknown): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers: SERVER_HEADERS, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/** The emulator in a child process: its memory and CPU must not count as the widget's. */
export async function startEmulatorProcess(options: { etag?: boolean } = {}): Promise<BenchEmulator> {
  const args = ['--import', 'tsx', 'bench/emulator-process.ts', ...(options.etag === false ? ['--no-etag'] : [])];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  const url = line.toString().trim();
  const api = `${url}/api/v1/conversations`;
  const addMessage = async (conversationId: string, body: string, email = AGENT_EMAIL) => {
    await post(`${api}/${conversationId}/messages/create/`, { body, user_email: email });
  };
  return {
    url,
    clientKey: CLIENT_KEY,
    async createConversation({ subject, description, email }) {
      return (await post(`${api}/create/`, { subject, description, user_email: email, channel: 'web' })) as { id: string };
    },
    addMessage,
    agentReply: (conversationId, body) => addMessage(conversationId, body),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/**
 * A conversation of `count` messages (the description is the first, as the emulator lists it):
 * the customer and the team take turns in runs of one to three, the last one is the team's.
 */
export async function seedConversation(emulator: BenchEmulator, count: number, email: string): Promise<{ id: string; lastBody: string }> {
  const { id } = await emulator.createConversation({
    subject: `Bench: ${count} messages`,
    description: `Message #1 of ${count}: my order has not arrived`,
    email,
  });
  let lastBody = '';
  for (let n = 2; n <= count; n++) {
    const fromTeam = n === count || Math.floor(n / 2) % 2 === 0;
    lastBody = `Message #${n} of ${count}: ${fromTeam ? 'we are looking into it, thank you for waiting' : 'any news about the parcel?'}`;
    await emulator.addMessage(id, lastBody, fromTeam ? AGENT_EMAIL : email);
  }
  return { id, lastBody };
}
