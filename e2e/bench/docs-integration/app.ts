// The docs integration: what a merchant builds from Omise's documentation. A page with the
// omise.js script tag and a plain form; the token is posted with the form to an Express route that
// calls the official `omise` client and renders the customer. Nothing tuned: Node's and the
// client's defaults, as a merchant would leave them. The bench's reference, not our product.
import { fileURLToPath } from 'node:url';
import express from 'express';
import omise from 'omise';

export interface DocsAppOptions {
  secretKey: string;
  publicKey: string;
  /** The omise.js script tag's `src`. */
  omiseJsUrl: string;
  /** The API host the official client calls over https on port 443 (it has no port option). */
  apiHost: string;
}

const escapeHtml = (text: unknown) => String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const layout = (title: string, body: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto}label{display:block;margin:.6rem 0}input,select{display:block;width:100%}</style>
</head>
<body>
${body}
</body>
</html>
`;

const months = Array.from({ length: 12 }, (_, i) => `<option value="${i + 1}">${i + 1}</option>`).join('');
const years = Array.from({ length: 10 }, (_, i) => 2026 + i)
  .map((year) => `<option value="${year}">${year}</option>`)
  .join('');

function signupPage(options: DocsAppOptions) {
  return layout(
    'Create your account',
    `<h1>Create your account</h1>
<form id="signup-form" action="/signup" method="POST" data-public-key="${escapeHtml(options.publicKey)}">
  <label>Email <input type="email" name="email" autocomplete="email" required></label>
  <label>Description <input type="text" name="description"></label>
  <label>Name on card <input type="text" data-name="nameOnCard" autocomplete="cc-name"></label>
  <label>Card number <input type="text" data-name="cardNumber" inputmode="numeric" autocomplete="cc-number"></label>
  <label>Expiry month <select data-name="expiryMonth"><option value="">MM</option>${months}</select></label>
  <label>Expiry year <select data-name="expiryYear"><option value="">YYYY</option>${years}</select></label>
  <label>Security code <input type="text" data-name="securityCode" inputmode="numeric" autocomplete="cc-csc"></label>
  <input type="hidden" name="omiseToken">
  <p id="error" role="alert"></p>
  <button>Create account</button>
</form>
<script src="${escapeHtml(options.omiseJsUrl)}"></script>
<script src="/checkout.js"></script>`,
  );
}

interface Card {
  brand?: string;
  last_digits?: string;
}

export function createDocsApp(options: DocsAppOptions) {
  const client = omise({
    secretKey: options.secretKey,
    publicKey: options.publicKey,
    omiseVersion: '2019-05-29',
    host: options.apiHost,
  } as never);
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.get('/', (_req, res) => {
    res.send(signupPage(options));
  });
  app.get('/checkout.js', (_req, res) => {
    res.sendFile(fileURLToPath(new URL('./checkout.js', import.meta.url)));
  });
  app.post('/signup', async (req, res) => {
    try {
      const customer = await client.customers.create({
        email: req.body.email,
        description: req.body.description || undefined,
        card: req.body.omiseToken || undefined,
      });
      const card = (customer.cards?.data?.[0] ?? {}) as Card;
      res.send(
        layout(
          'Welcome',
          `<h1>Account created</h1>
<dl>
  <dt>Customer</dt><dd>${escapeHtml(customer.id)}</dd>
  <dt>Email</dt><dd>${escapeHtml(customer.email)}</dd>
  <dt>Card</dt><dd>${escapeHtml(card.brand)} ending ${escapeHtml(card.last_digits)}</dd>
</dl>`,
        ),
      );
    } catch (error) {
      res.status(400).send(layout('Sign-up failed', `<p role="alert">${escapeHtml((error as Error).message)}</p>`));
    }
  });
  return app;
}
