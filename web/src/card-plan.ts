import type { Settings } from './options.ts';

// Where the card fields live: nowhere (card="none"), in the card frame on another origin (the
// default whenever a frame URL is known), or inline in the widget's shadow root (card-isolation=
// "inline", or keys given and no frame named). Decided from the settings when they are enough,
// else from the proxy's `GET /api/config`, which may name a frame.

/** Where the card fields live, once that is known. */
export type CardPlan =
  | { kind: 'none' }
  | { kind: 'pending' }
  | { kind: 'inline' }
  | { kind: 'frame'; url: URL }
  /** `why` is logged for the merchant when the plan is made (a frame URL the widget refuses, say). */
  | { kind: 'unavailable'; code: 'config_unavailable' | 'card_frame_unavailable'; why?: string };

export const unavailable = (code: 'config_unavailable' | 'card_frame_unavailable', why?: string): CardPlan => ({
  kind: 'unavailable',
  code,
  ...(why ? { why: `omise-signup: ${why}` } : {}),
});

/** The card frame at `href`, when it may be used: on another origin than the page, which could read it otherwise. */
export function framePlan(href: string): CardPlan {
  let url: URL;
  try {
    url = new URL(href, location.href);
  } catch {
    return unavailable(
      'card_frame_unavailable',
      `the card frame URL "${href}" is not a URL, so the card fields are not shown.`,
    );
  }
  if (url.origin === location.origin) {
    return unavailable(
      'card_frame_unavailable',
      `the card frame ${url.href} is on this page's own origin, where every script on the page could read the card fields in it. Serve it from another origin (a card.* subdomain, say). The card fields are not shown.`,
    );
  }
  return { kind: 'frame', url };
}

/** The plan the settings decide alone, or null when only `/api/config` can say (it may name a frame). */
export function planFor(settings: Settings): CardPlan | null {
  if (settings.card === 'none') return { kind: 'none' };
  if (settings.cardIsolation === 'inline') return { kind: 'inline' };
  if (settings.cardFrameUrl) return framePlan(settings.cardFrameUrl);
  if (settings.cardIsolation !== 'frame' && settings.publicKey && settings.omiseJsUrl) return { kind: 'inline' };
  return null;
}

/** Equal for plans that put the card fields in the same place. */
export const planKey = (plan: CardPlan) =>
  plan.kind === 'frame' ? plan.url.href : plan.kind === 'unavailable' ? plan.code : plan.kind;

/** The plan once the proxy's config is in: its frame, else inline unless the settings demand a frame. */
export function planFromConfig(settings: Settings, config: { cardFrameUrl?: string | undefined }): CardPlan {
  if (config.cardFrameUrl) return framePlan(config.cardFrameUrl);
  if (settings.cardIsolation !== 'frame') return { kind: 'inline' };
  return unavailable(
    'card_frame_unavailable',
    'card-isolation is "frame", but no card-frame-url is set and the config names none, so the card fields are not shown.',
  );
}
