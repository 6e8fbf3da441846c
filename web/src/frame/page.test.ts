import { describe, expect, it } from 'vitest';
import { META_NAME, type PageConfig, parentOrigin, readPageConfig, refusal } from './page.ts';

const CONFIG: PageConfig = {
  publicKey: 'pkey_test_5xs9k1lg3y2pbmtkq5l',
  omiseJsUrl: 'https://cdn.omise.co/omise.js',
  hosts: ['https://shop.example'],
  fontOrigins: [],
};

function page(content: string | null) {
  const doc = document.implementation.createHTMLDocument('frame');
  if (content !== null) {
    const meta = doc.createElement('meta');
    meta.name = META_NAME;
    meta.content = content;
    doc.head.append(meta);
  }
  return doc;
}

describe('the card frame page', () => {
  it('reads the config its server wrote, and nothing else', () => {
    expect(readPageConfig(page(JSON.stringify(CONFIG)))).toEqual(CONFIG);
    expect(readPageConfig(page(null))).toBeNull();
    expect(readPageConfig(page('{'))).toBeNull();
    expect(readPageConfig(page(JSON.stringify({ ...CONFIG, hosts: 'https://shop.example' })))).toBeNull();
    expect(readPageConfig(page(JSON.stringify({ ...CONFIG, publicKey: undefined })))).toBeNull();
  });

  it('learns the embedding page’s origin from ancestorOrigins, else from the referrer', () => {
    const at = (ancestors: string[]) => ({ ancestorOrigins: ancestors }) as unknown as Location;
    expect(parentOrigin(at(['https://shop.example']), 'https://other.example/x')).toBe('https://shop.example');
    expect(parentOrigin(at([]), 'https://shop.example/signup?plan=gold')).toBe('https://shop.example');
    expect(parentOrigin({} as Location, '')).toBeNull();
    expect(parentOrigin({} as Location, 'not a url')).toBeNull();
  });

  it('renders only framed, by an allowed page, on an origin of its own', () => {
    const own = 'https://card.shop.example';
    expect(refusal(CONFIG, true, own, 'https://shop.example')).toBeNull();
    // The browser did not say (no ancestorOrigins, no referrer): the handshake's origin check decides.
    expect(refusal(CONFIG, true, own, null)).toBeNull();
    expect(refusal(CONFIG, true, own, 'https://evil.example')).toBe('https://evil.example may not embed it');
    expect(refusal(CONFIG, false, own, null)).toBe('it works only inside the signup widget, framed by an allowed page');
    expect(refusal(CONFIG, true, 'https://shop.example', 'https://shop.example')).toBe(
      'it is served on https://shop.example, an origin of the pages that embed it',
    );
    expect(refusal(null, true, own, 'https://shop.example')).toBe('the page carries no card frame config');
  });
});
