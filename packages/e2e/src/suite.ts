import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { type Stack, type StackOptions, startStack } from './stack';

/**
 * Registers, in the calling `describe`, the hooks every end-to-end file needs: start a stack
 * and launch Chromium before its tests (both at once, with room for a cold build), close
 * both after. Read them through the getters, from inside a test.
 */
export function e2eSuite(options?: StackOptions): { stack(): Stack; browser(): Browser } {
  let stack: Stack | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(options), launchBrowser()]);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  return {
    stack: () => {
      if (!stack) throw new Error('e2eSuite: the stack is not started (read it inside a test)');
      return stack;
    },
    browser: () => {
      if (!browser) throw new Error('e2eSuite: no browser yet (read it inside a test)');
      return browser;
    },
  };
}
