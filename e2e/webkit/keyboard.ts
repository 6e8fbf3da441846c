/** WebDriver's codes for the keys the suite presses (W3C WebDriver, "Keyboard actions"). */
export const KEY = { Tab: '\uE004', Enter: '\uE007', Control: '\uE009', Shift: '\uE008' } as const;

/** Presses one key, with the modifiers held down around it. */
export async function press(browser: WebdriverIO.Browser, key: string, modifiers: string[] = []): Promise<void> {
  const action = browser.action('key');
  for (const modifier of modifiers) action.down(modifier);
  action.down(key).up(key);
  for (const modifier of [...modifiers].reverse()) action.up(modifier);
  await action.perform();
}

/**
 * Types `text` into whatever has focus, one key down and up at a time: `browser.keys()` presses
 * every key before releasing any, and WebKit then drops a repeated letter ("Hello" → "Helo").
 */
export async function typeText(browser: WebdriverIO.Browser, text: string): Promise<void> {
  const action = browser.action('key');
  for (const char of text) action.down(char).up(char);
  await action.perform();
}
