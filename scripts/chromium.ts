import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

/**
 * Debian's chromium driven by playwright-core: never a downloaded browser, a fresh empty profile
 * every time, everything that could reach the network switched off.
 */

export const CHROMIUM = "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function hasChromium(): boolean {
  return existsSync(CHROMIUM);
}

export async function withBrowser<T>(
  fn: (context: BrowserContext) => Promise<T>,
  viewport = { width: 1280, height: 900 },
): Promise<T> {
  if (!hasChromium()) throw new Error(`${CHROMIUM} is missing: install it with apt-get install -y chromium`);
  const profile = mkdtempSync(join(tmpdir(), "reserve-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport,
    deviceScaleFactor: 1,
  });
  try {
    return await fn(context);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
