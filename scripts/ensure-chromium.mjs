// Makes sure a Chromium for the browser tests is on this machine, installing Debian's package when
// it is missing (never a browser download: playwright-core drives the system's Chromium), and the
// fonts of the scripts the widget speaks (CJK, Thai, Devanagari, Hebrew, Arabic): without them
// Chromium draws empty boxes, and the languages' test would measure boxes instead of words.
// PARLEY_CHROMIUM=/path/to/chrome points at another binary (its fonts are then the machine's).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const wanted = process.env.PARLEY_CHROMIUM || '/usr/bin/chromium';
if (process.env.PARLEY_CHROMIUM) {
  if (existsSync(wanted)) process.exit(0);
  console.error(`PARLEY_CHROMIUM points at ${wanted}, which does not exist.`);
  process.exit(1);
}

/** Whether fontconfig knows a font for each of these languages (false without fontconfig). */
function hasFonts(languages) {
  try {
    return languages.every((language) => execSync(`fc-list :lang=${language} family`, { encoding: 'utf8' }).trim() !== '');
  } catch {
    return false;
  }
}

const packages = [];
if (!existsSync(wanted)) packages.push('chromium');
if (!hasFonts(['ja', 'ko', 'zh-cn', 'zh-tw', 'th', 'hi', 'he', 'ar', 'fa'])) packages.push('fonts-noto-core', 'fonts-noto-cjk');
if (!packages.length) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const sudo = isRoot ? '' : 'sudo ';
console.log(`For the browser tests, installing Debian's ${packages.join(', ')}…`);
try {
  execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${packages.join(' ')}`, {
    stdio: 'inherit',
  });
} catch {
  console.error(`Could not install ${packages.join(', ')}. Install them yourself (apt-get install ${packages.join(' ')}), or set PARLEY_CHROMIUM.`);
  // Without the fonts the tests still run, measuring boxes where the glyphs would be.
  if (!existsSync(wanted)) process.exit(1);
}
if (!existsSync(wanted)) {
  console.error(`apt-get finished but ${wanted} is still missing.`);
  process.exit(1);
}
