// A byte-counting TCP proxy in front of the emulator: the widget's API URL points here, so every
// request the browser sends (CORS preflights included, which page-level request events do not
// show) is seen with its time and its bytes on the wire both ways, headers included. The
// emulator answers every request with `Connection: close`, so one connection is one request.

import { connect, createServer, type Server, type Socket } from 'node:net';

export interface ProxiedRequest {
  /** Date.now() when the request's first byte arrived. */
  at: number;
  method: string;
  path: string;
  status: number;
  bytesUp: number;
  bytesDown: number;
}

export interface CountingProxy {
  url: string;
  /** Finished requests, in order of arrival. */
  requests: ProxiedRequest[];
  stop(): Promise<void>;
}

export async function startCountingProxy(targetUrl: string): Promise<CountingProxy> {
  const target = new URL(targetUrl);
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    let head = '';
    let statusLine = '';
    const entry: ProxiedRequest = { at: 0, method: '', path: '', status: 0, bytesUp: 0, bytesDown: 0 };
    client.on('data', (chunk: Buffer) => {
      if (!entry.at) entry.at = Date.now();
      entry.bytesUp += chunk.length;
      if (!entry.method) {
        head += chunk.toString('latin1');
        const line = head.split('\r\n', 1)[0]!;
        if (head.includes('\r\n')) [entry.method = '', entry.path = ''] = line.split(' ');
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      entry.bytesDown += chunk.length;
      if (!statusLine) {
        statusLine = chunk.toString('latin1').split('\r\n', 1)[0]!;
        entry.status = Number(statusLine.split(' ')[1]) || 0;
      }
      client.write(chunk);
    });
    const finish = () => {
      // A socket Chromium opened ahead of need and closed unused carries no request.
      if (entry.at && !requests.includes(entry)) requests.push(entry);
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    upstream.on('end', () => client.end());
    upstream.on('close', finish);
    client.on('close', finish);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
