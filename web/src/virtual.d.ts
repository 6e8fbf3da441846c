/** sha384 SRI hashes of omise-signup.th.js / .ja.js, filled in by vite.config.ts. */
declare module 'virtual:omise-signup/locale-integrity' {
  const integrity: Record<'th' | 'ja', string>;
  export default integrity;
}
