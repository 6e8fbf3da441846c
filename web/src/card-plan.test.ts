import { describe, expect, it } from 'vitest';
import { framePlan, planFor, planFromConfig, planKey } from './card-plan.ts';
import { readSettings, type SignupOptions } from './options.ts';

const settings = (options: SignupOptions) => readSettings(options);
const KEYS = { publicKey: 'pkey_test_123', omiseJsUrl: 'https://cdn.omise.co/omise.js' };

describe('where the card fields live', () => {
  it('puts them in the frame whenever a frame URL is given, keys or not', () => {
    const plan = planFor(settings({ cardFrameUrl: 'https://card.shop.example/', ...KEYS }));
    expect(plan).toEqual({ kind: 'frame', url: new URL('https://card.shop.example/') });
  });

  it('puts them inline only when asked to, or when keys are given and no frame is named', () => {
    expect(planFor(settings({ cardIsolation: 'inline', cardFrameUrl: 'https://card.shop.example/' }))).toEqual({
      kind: 'inline',
    });
    expect(planFor(settings(KEYS))).toEqual({ kind: 'inline' });
  });

  it('shows none with card="none", whatever else is set', () => {
    expect(planFor(settings({ card: 'none', cardFrameUrl: 'https://card.shop.example/' }))).toEqual({ kind: 'none' });
  });

  it('asks the config when the settings alone cannot say (it may name a frame)', () => {
    expect(planFor(settings({}))).toBeNull();
    expect(planFor(settings({ cardIsolation: 'frame', ...KEYS }))).toBeNull();
  });

  it('refuses a frame on the page’s own origin, saying why: its fields would be readable', () => {
    const plan = framePlan(`${location.origin}/card-frame/`);
    expect(plan).toMatchObject({ kind: 'unavailable', code: 'card_frame_unavailable' });
    expect(plan.kind === 'unavailable' && plan.why).toMatch(/^omise-signup: .*own origin.*another origin/);
  });

  it('refuses a frame URL that is not a URL', () => {
    expect(framePlan('https://[nope')).toMatchObject({
      kind: 'unavailable',
      code: 'card_frame_unavailable',
      why: expect.stringContaining('is not a URL'),
    });
  });

  it('takes the config’s frame, else inline, unless the settings demand a frame the config does not name', () => {
    const frame = planFromConfig(settings({}), { cardFrameUrl: 'https://card.shop.example/' });
    expect(frame).toEqual({ kind: 'frame', url: new URL('https://card.shop.example/') });
    expect(planFromConfig(settings({}), {})).toEqual({ kind: 'inline' });
    expect(planFromConfig(settings({ cardIsolation: 'frame' }), {})).toMatchObject({
      kind: 'unavailable',
      code: 'card_frame_unavailable',
      why: expect.stringContaining('card-isolation is "frame"'),
    });
  });

  it('counts two plans the same when they put the fields in the same place', () => {
    expect(planKey(framePlan('https://card.shop.example/'))).toBe(planKey(framePlan('https://card.shop.example')));
    expect(planKey({ kind: 'inline' })).not.toBe(planKey(framePlan('https://card.shop.example/')));
  });
});
