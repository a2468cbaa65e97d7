// A returning customer: a stored conversation whose last message is an unread team reply. From
// the navigation until the launcher shows the unread badge, for Parley's loader (which fetches the
// conversation code when the page is idle) and the all-in-one file, in the same run, each load in
// a fresh context holding only the widget's conversation pointer; on the local network and on
// the emulated mobile connection of bench/intent.ts.

import type { Browser } from 'playwright-core';
import { conversationPointer, newBenchPage, storePointer } from './browser';
import { type SeededConversation, unreadBadgeShown } from './conversation';
import { INTENT_VARIANTS, type IntentVariant, MOBILE_NETWORK } from './intent';
import type { Site } from './site';
import { type Spread, spread } from './stats';

export const NETWORKS = ['local', 'mobile'] as const;
export type Network = (typeof NETWORKS)[number];

export interface ReturningResult {
  runs: number;
  warmup: number;
  messages: number;
  /** Navigation → unread badge, ms, measured runs only. */
  samples: Record<Network, Record<IntentVariant, number[]>>;
  summary: Record<Network, Record<IntentVariant, Spread>>;
}

async function badgeOnce(
  browser: Browser,
  site: Site,
  api: { url: string; clientKey: string },
  conversation: SeededConversation,
  variant: IntentVariant,
  network: Network,
): Promise<number> {
  const bench = await newBenchPage(browser);
  try {
    await storePointer(bench.page, site.blankUrl, conversationPointer(api.url, api.clientKey, conversation.id, conversation.email));
    if (network === 'mobile') {
      await bench.cdp.send('Network.enable');
      await bench.cdp.send('Network.emulateNetworkConditions', MOBILE_NETWORK);
    }
    await bench.page.goto(site.pageUrl(variant), { timeout: 60_000 });
    // performance.now() in the new document counts from its navigation.
    return await unreadBadgeShown(bench.page, 60_000);
  } finally {
    await bench.context.close();
  }
}

export async function measureReturning(
  browser: Browser,
  site: Site,
  api: { url: string; clientKey: string },
  conversation: SeededConversation,
  options: { runs: number; warmup: number; log(line: string): void },
): Promise<ReturningResult> {
  const samples = Object.fromEntries(NETWORKS.map((network) => [network, { loader: [], allInOne: [] }])) as unknown as ReturningResult['samples'];
  for (let run = 0; run < options.runs; run++) {
    for (const network of NETWORKS) {
      const order = run % 2 ? [...INTENT_VARIANTS].reverse() : INTENT_VARIANTS;
      for (const variant of order) {
        const ms = await badgeOnce(browser, site, api, conversation, variant, network);
        if (run >= options.warmup) samples[network][variant].push(ms);
      }
    }
    options.log(`  returning customer: run ${run + 1}/${options.runs}${run < options.warmup ? ' (warm-up, discarded)' : ''}`);
  }
  const summary = Object.fromEntries(
    NETWORKS.map((network) => [network, { loader: spread(samples[network].loader), allInOne: spread(samples[network].allInOne) }]),
  ) as ReturningResult['summary'];
  return { runs: options.runs, warmup: options.warmup, messages: conversation.messages, samples, summary };
}
