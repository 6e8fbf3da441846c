import { createMerchantApp, createMerchantCardFrame } from './app.ts';

const env = process.env;
const port = Number(env.PORT ?? 3100);
const framePort = Number(env.CARD_FRAME_PORT ?? 3101);
const omise = {
  ...(env.OMISE_VAULT_URL ? { vaultUrl: env.OMISE_VAULT_URL } : {}),
  ...(env.OMISE_JS_URL ? { omiseJsUrl: env.OMISE_JS_URL } : {}),
};
const app = createMerchantApp({
  secretKey: env.OMISE_SECRET_KEY ?? '',
  publicKey: env.OMISE_PUBLIC_KEY ?? '',
  ...(env.OMISE_API_URL ? { apiUrl: env.OMISE_API_URL } : {}),
  ...omise,
  // localhost, where the shop is 127.0.0.1: another origin, so the shop's page cannot read the card.
  cardFrameUrl: env.CARD_FRAME_URL ?? `http://localhost:${framePort}/`,
});
const frame = createMerchantCardFrame({
  publicKey: env.OMISE_PUBLIC_KEY ?? '',
  ...omise,
  shopOrigin: `http://127.0.0.1:${port}`,
});
const servers = [
  app.listen(port, '127.0.0.1', () => console.log(`Baan Books signup: http://127.0.0.1:${port}/`)),
  frame.listen(framePort, '127.0.0.1'),
];
const stop = () => {
  for (const server of servers) server.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
