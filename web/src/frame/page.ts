/**
 * What the card frame's server writes into the frame page (`<meta name="omise-card-frame">`):
 * the Omise keys the frame tokenizes with (the host page cannot swap them for its own) and the
 * origins allowed to embed it, the same list as the page's `frame-ancestors`.
 */
export interface PageConfig {
  publicKey: string;
  omiseJsUrl: string;
  /** Origins of the pages that may embed the frame. */
  hosts: string[];
  /** Origins a font stylesheet may come from. */
  fontOrigins: string[];
}

export const META_NAME = 'omise-card-frame';

const origins = (value: unknown): string[] | null =>
  Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : null;

/** The page's config, or null when the server wrote none (or something else). */
export function readPageConfig(doc: Document): PageConfig | null {
  try {
    const meta = doc.querySelector(`meta[name="${META_NAME}"]`);
    const value = JSON.parse(meta?.getAttribute('content') ?? 'null') as Record<string, unknown> | null;
    const hosts = origins(value?.hosts);
    const fontOrigins = origins(value?.fontOrigins ?? []);
    if (typeof value?.publicKey !== 'string' || typeof value.omiseJsUrl !== 'string' || !hosts || !fontOrigins) {
      return null;
    }
    return { publicKey: value.publicKey, omiseJsUrl: value.omiseJsUrl, hosts, fontOrigins };
  } catch {
    return null;
  }
}

/** The embedding page's origin as the browser tells it (ancestorOrigins, else the referrer), or null. */
export function parentOrigin(loc: Location, referrer: string): string | null {
  const ancestor = loc.ancestorOrigins?.[0];
  if (ancestor) return ancestor;
  try {
    return referrer ? new URL(referrer).origin : null;
  } catch {
    return null;
  }
}

/**
 * Why the frame must not render here, or null when it may: it must be framed, by an allowed
 * origin, and not itself live on one of those origins (the page there could read it).
 */
export function refusal(config: PageConfig | null, framed: boolean, own: string, parent: string | null): string | null {
  if (!config) return 'the page carries no card frame config';
  if (!framed) return 'it works only inside the signup widget, framed by an allowed page';
  if (config.hosts.includes(own)) return `it is served on ${own}, an origin of the pages that embed it`;
  if (parent && !config.hosts.includes(parent)) return `${parent} may not embed it`;
  return null;
}
