// `npm run emulator -- --help`: runs the emulator until Ctrl-C or SIGTERM.

import { type CliCommand, CliError, parseCli, USAGE } from './cli-args';
import { startEmulator } from './index';

async function main(): Promise<void> {
  let command: CliCommand;
  try {
    command = parseCli(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    process.stderr.write(`emulator: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (command.kind === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const { options } = command;
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  try {
    emulator = await startEmulator(options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`port ${options.port} is already in use; pick another with --port (0 = any free port)`);
    }
    throw error;
  }
  const clientKeys = options.clientKeys ?? [];
  const firstClientKey = clientKeys[0]?.key ?? '';
  process.stdout.write(
    [
      `Helpdesk emulator listening on ${emulator.url}`,
      `  data:        ${options.dataDir}/db.json`,
      ...clientKeys.map(({ key, allowedOrigins }) => `  client key:  ${key}  (origins: ${allowedOrigins.join(', ')})`),
      ...(options.serverKeys ?? []).map((key) => `  server key:  ${key}  (any origin; resolve and /__emulator/*)`),
      '',
      'Try:',
      `  curl -s -X POST ${emulator.url}/api/v1/conversations/create/ \\`,
      `    -H 'Authorization: Bearer ${firstClientKey}' -H 'Content-Type: application/json' \\`,
      `    -d '{"subject":"Hello","description":"My first message","user_email":"jane@example.com"}'`,
      '',
      'Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the emulator\n`);
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
