import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import {
  createCardFrame,
  createCustomersRouter,
  createOmiseClient,
  MemoryIdempotencyStore,
  verifyCustomer,
} from '@omise-signup/server';
import express, { type Request } from 'express';
import { signupPage, welcomePage } from './page.ts';

export interface MerchantOptions {
  secretKey: string;
  publicKey: string;
  apiUrl?: string;
  vaultUrl?: string;
  omiseJsUrl?: string;
  /** Where the shop's card frame is (createMerchantCardFrame): the card fields render there. */
  cardFrameUrl: string;
}

const widgetDir = dirname(createRequire(import.meta.url).resolve('@omise-signup/web/omise-signup.js'));

/**
 * The shop's card frame, for an origin of its own (`card.` subdomain in production, another port
 * here): the card fields live there, out of reach of the shop page's scripts.
 */
export function createMerchantCardFrame(options: {
  publicKey: string;
  omiseJsUrl?: string;
  vaultUrl?: string;
  /** The shop's origin: the only page that may frame it. */
  shopOrigin: string;
}) {
  const app = express();
  app.disable('x-powered-by');
  app.use(
    createCardFrame({
      publicKey: options.publicKey,
      omiseJsUrl: options.omiseJsUrl ?? 'https://cdn.omise.co/omise.js',
      vaultUrl: options.vaultUrl ?? 'https://vault.omise.co',
      hostOrigins: [options.shopOrigin],
      assetsDir: `${widgetDir}/card-frame`,
    }),
  );
  return app;
}
const SESSION = 'baan_session';

function session(req: Request): string | undefined {
  const cookie = req.get('Cookie') ?? '';
  return /(?:^|;\s*)baan_session=([\w-]+)/.exec(cookie)?.[1];
}

/**
 * A shop's signup: its own form and route, with the widget dropped in. The widget creates the
 * Omise customer through the mounted router, which stamps the shopper's session into the
 * customer's metadata; the signup route then trusts the id only if verifyCustomer agrees.
 */
export function createMerchantApp(options: MerchantOptions) {
  const omise = createOmiseClient({ secretKey: options.secretKey, apiUrl: options.apiUrl });
  const idempotencyStore = new MemoryIdempotencyStore(); // one instance; RedisIdempotencyStore for several
  const app = express();
  app.disable('x-powered-by');
  app.use('/widget', express.static(widgetDir));
  app.get('/shop.css', (_req, res) => {
    res
      .type('text/css')
      .send(
        'body{font:16px system-ui;max-width:32rem;margin:2rem auto;padding:0 1rem}label,input,button,omise-signup{display:block;margin:.5rem 0}.error{color:#b91c1c}',
      );
  });
  app.use(
    '/api',
    createCustomersRouter({
      omise,
      idempotencyStore,
      // GET /api/config: the bare <omise-signup> on the page finds its card frame (and key) here.
      publicConfig: {
        publicKey: options.publicKey,
        vaultUrl: options.vaultUrl ?? 'https://vault.omise.co',
        omiseJsUrl: options.omiseJsUrl ?? 'https://cdn.omise.co/omise.js',
        cardFrameUrl: options.cardFrameUrl,
      },
      // The browser never decides this: the server ties the customer to the shopper's session.
      customerFields: (req) => ({ metadata: { signup_session: session(req) ?? 'none' } }),
    }),
  );
  const render = (res: express.Response, error?: string) =>
    res
      .status(error ? 400 : 200)
      .type('html')
      .send(signupPage(error));
  app.get('/', (req, res) => {
    if (!session(req)) res.setHeader('Set-Cookie', `${SESSION}=${randomUUID()}; Path=/; HttpOnly; SameSite=Lax`);
    render(res);
  });
  app.post('/signup', express.urlencoded({ extended: false, limit: '8kb' }), async (req, res) => {
    const { username, omise_customer: customerId } = req.body as Record<string, string | undefined>;
    const sid = session(req);
    if (!sid) return render(res, 'Your session expired. Start again.');
    const verdict = await verifyCustomer(customerId, { omise, maxAgeSeconds: 3600, metadata: { signup_session: sid } });
    if (!verdict.ok) return render(res, `We could not confirm your payment profile: ${verdict.message}`);
    res.type('html').send(welcomePage(username ?? '', verdict.customer.id));
  });
  return Object.assign(app, { close: () => Promise.all([omise.close(), idempotencyStore.close()]) });
}
