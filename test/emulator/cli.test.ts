import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError, DEFAULT_DATA_DIR, DEFAULT_PORT, parseCli } from '../../demo/emulator/cli-args';

describe('emulator command line', () => {
  it('starts with the demo keys, any origin and the default data folder', () => {
    expect(parseCli([])).toEqual({
      kind: 'run',
      options: {
        dataDir: DEFAULT_DATA_DIR,
        port: DEFAULT_PORT,
        host: '127.0.0.1',
        clientKeys: [{ key: 'bnc_cl_demo', allowedOrigins: ['*'] }],
        serverKeys: ['bnc_sv_demo'],
      },
    });
  });

  it('takes repeated keys and origins, applying every origin to every client key', () => {
    const command = parseCli([
      '--port',
      '0',
      '--client-key',
      'bnc_cl_one',
      '--client-key',
      'bnc_cl_two',
      '--server-key',
      'bnc_sv_one',
      '--allow-origin',
      'http://localhost:5173',
      '--allow-origin',
      'https://shop.example',
      '--data',
      '/tmp/x',
      '--rate-limit',
      '10',
      '--switch',
      'listEnvelope=count-results',
      '--switch',
      'latencyMs=200',
    ]);
    const origins = ['http://localhost:5173', 'https://shop.example'];
    expect(command).toEqual({
      kind: 'run',
      options: {
        dataDir: '/tmp/x',
        port: 0,
        host: '127.0.0.1',
        clientKeys: [
          { key: 'bnc_cl_one', allowedOrigins: origins },
          { key: 'bnc_cl_two', allowedOrigins: origins },
        ],
        serverKeys: ['bnc_sv_one'],
        rateLimitPerMinute: 10,
        switches: { listEnvelope: 'count-results', latencyMs: 200 },
      },
    });
  });

  it('answers --help', () => {
    expect(parseCli(['--help'])).toEqual({ kind: 'help' });
    expect(parseCli(['-h'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--verbose'], /Unknown option '--verbose'/],
    [['--client-key', 'bnc_sv_oops'], /--client-key must start with bnc_cl_/],
    [['--server-key', 'secret'], /--server-key must start with bnc_sv_/],
    [['--allow-origin', 'http://localhost:5173/'], /--allow-origin must be \* or an origin/],
    [['--allow-origin', 'shop.example'], /--allow-origin/],
    [['--port', '99999'], /--port must be an integer from 0 to 65535/],
    [['--port', 'abc'], /--port/],
    [['--switch', 'failRate=7'], /failRate/],
    [['--switch', 'nonsense'], /name=value/],
    [['--port'], /argument missing|--port/],
  ])('refuses %j with a clear error', (argv, message) => {
    expect(() => parseCli(argv)).toThrow(CliError);
    expect(() => parseCli(argv)).toThrow(message);
  });

  it('prints its URL and keys, serves, and stops cleanly on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'parley-emulator-cli-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'demo/emulator/cli.ts', '--port', '0', '--data', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (match?.[1]) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
      });
      expect(output).toContain('bnc_cl_demo');
      expect(output).toContain('bnc_sv_demo');
      expect(output).toContain('curl');
      const response = await fetch(`${url}/api/v1/conversations/`, { headers: { 'X-API-Key': 'bnc_cl_demo' } });
      expect(response.status).toBe(200);
      const exitCode = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exitCode).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 20_000);
});
