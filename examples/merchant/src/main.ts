import { createMerchantApp } from './app.ts';

const env = process.env;
const app = createMerchantApp({
  secretKey: env.OMISE_SECRET_KEY ?? '',
  publicKey: env.OMISE_PUBLIC_KEY ?? '',
  ...(env.OMISE_API_URL ? { apiUrl: env.OMISE_API_URL } : {}),
  ...(env.OMISE_VAULT_URL ? { vaultUrl: env.OMISE_VAULT_URL } : {}),
  ...(env.OMISE_JS_URL ? { omiseJsUrl: env.OMISE_JS_URL } : {}),
});
const server = app.listen(Number(env.PORT ?? 3100), '127.0.0.1', () => {
  console.log(`Baan Books signup: http://127.0.0.1:${env.PORT ?? 3100}/`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
process.once('SIGINT', () => server.close(() => process.exit(0)));
