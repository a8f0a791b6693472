// Debian's Chromium, as every browser test here launches it (webview tests in test/browser, code-server in test/e2e):
// nothing can download a browser on these machines, so playwright-core drives the system one.
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { CHROMIUM } from '../../scripts/e2e/ensure-code-server.mjs';

/** Quiet and offline: no sandbox (CI runs as root), no GPU, no background traffic or updates. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** A browser with its own profile folder (code-server's workbench keeps state in it). */
export function launchChromiumProfile(
  profileDir: string,
  options: Omit<Parameters<typeof chromium.launchPersistentContext>[1], 'executablePath' | 'args'> = {},
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, { ...options, executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
