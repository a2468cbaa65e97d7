// Makes sure a Chromium for the browser tests is on this machine, installing Debian's package when
// it is missing (never a browser download: playwright-core drives the system's Chromium).
// PARLEY_CHROMIUM=/path/to/chrome points at another binary.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const wanted = process.env.PARLEY_CHROMIUM || '/usr/bin/chromium';
if (existsSync(wanted)) process.exit(0);
if (process.env.PARLEY_CHROMIUM) {
  console.error(`PARLEY_CHROMIUM points at ${wanted}, which does not exist.`);
  process.exit(1);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const sudo = isRoot ? '' : 'sudo ';
console.log('Chromium is missing: installing Debian\'s "chromium" package for the browser tests…');
try {
  execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`, {
    stdio: 'inherit',
  });
} catch {
  console.error('Could not install chromium. Install it yourself (apt-get install chromium) or set PARLEY_CHROMIUM.');
  process.exit(1);
}
if (!existsSync(wanted)) {
  console.error(`apt-get finished but ${wanted} is still missing.`);
  process.exit(1);
}
