import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemo } from './demo/serve';
import { launchBrowser } from './test/e2e/helpers/browser';
const demo = await startDemo({ apiPort: 0, sitePort: 0, dataDir: await mkdtemp(join(tmpdir(), 'vv-')), switches: {} });
const browser = await launchBrowser();
for (const css of ['', 'html{zoom:0.8}', 'body{zoom:1.5}', 'html{zoom:2}']) {
  for (const vp of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    const ctx = await browser.newContext({ viewport: vp });
    const page = await ctx.newPage();
    await page.addInitScript((css) => { document.addEventListener('DOMContentLoaded', () => { const s = document.createElement('style'); s.textContent = css; document.head.append(s); }); }, css);
    await page.goto(`${demo.siteUrl}/`);
    await page.waitForTimeout(1200);
    const closed = await page.evaluate(() => { const h = document.getElementById('parley-root')!; const l = h.shadowRoot!.querySelector('.launcher')!.getBoundingClientRect(); return { launcher: [l.x, l.y, l.width, l.height].map(Math.round), inner: [innerWidth, innerHeight] }; });
    const tag = `${css.replace(/\W+/g, '_') || 'none'}-${vp.width}`;
    await page.screenshot({ path: `/tmp/vv/z-${tag}-closed.png` });
    await page.evaluate(() => (window as any).Parley('open'));
    await page.waitForTimeout(800);
    const open = await page.evaluate(() => { const p = document.getElementById('parley-root')!.shadowRoot!.querySelector('.panel')!.getBoundingClientRect(); return [p.x, p.y, p.width, p.height].map(Math.round); });
    await page.screenshot({ path: `/tmp/vv/z-${tag}-open.png` });
    console.log(tag, JSON.stringify(closed), 'panel', JSON.stringify(open));
    await ctx.close();
  }
}
await browser.close();
await demo.stop();
