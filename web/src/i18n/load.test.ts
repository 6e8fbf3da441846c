import { afterEach, describe, expect, it, vi } from 'vitest';
import { en } from './en.ts';
import { loadMessages, messagesFor } from './index.ts';
import { importLocale } from './load.ts';
import { th } from './th.ts';

vi.mock('./load.ts', () => ({ importLocale: vi.fn() }));

afterEach(() => vi.mocked(importLocale).mockReset());

describe('loading a locale', () => {
  it('has English at once and loads Thai once, on first use', async () => {
    vi.mocked(importLocale).mockResolvedValue(th);
    expect(messagesFor('en')).toBe(en);
    expect(messagesFor('th')).toBeNull();
    const [first, second] = await Promise.all([loadMessages('th'), loadMessages('th')]);
    expect(first).toBe(th);
    expect(second).toBe(th);
    expect(messagesFor('th')).toBe(th);
    expect(importLocale).toHaveBeenCalledTimes(1);
  });

  it('falls back to English, with a warning, when a locale cannot be loaded', async () => {
    vi.mocked(importLocale).mockRejectedValue(new Error('offline'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(loadMessages('ja')).resolves.toBe(en);
    expect(messagesFor('ja')).toBe(en);
    expect(warn).toHaveBeenCalledWith('omise-signup: locale "ja" did not load; using English.', expect.any(Error));
  });
});
