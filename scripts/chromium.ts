// Debian's Chromium as the browser tests, the bench and any script here launch it: never a browser
// download, and flags that keep it off this machine's closed network (without them it keeps
// trying to reach Google's hosts).

import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.PARLEY_CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-extensions',
  '--mute-audio',
];

export interface LaunchOptions {
  /**
   * Keep the back/forward cache on. Playwright turns it off by default (--disable-back-forward-cache,
   * so that goBack() always reaches the network); tests of what a page restored from it does need it.
   */
  backForwardCache?: boolean;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}. Install Debian's package (\`node scripts/ensure-chromium.mjs\` or ` +
        '`apt-get install chromium`), or point PARLEY_CHROMIUM at a Chromium or Chrome binary.',
    );
  }
  try {
    return await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      ...(options.backForwardCache ? { ignoreDefaultArgs: ['--disable-back-forward-cache'] } : {}),
    });
  } catch (error) {
    throw new Error(`Chromium at ${CHROMIUM_PATH} did not start (set PARLEY_CHROMIUM to use another): ${(error as Error).message}`);
  }
}
