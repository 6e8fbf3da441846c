// Load for profiling by hand: `node --import tsx bench/prof-load.ts <sandbox api url>` against a
// proxy on 127.0.0.1:3999 (started with --cpu-prof, say); warms up, resets, then 5 s measured.
import { load } from './load.ts';

const proxy = process.env.PROXY_URL ?? 'http://127.0.0.1:3999';
const warm = await load({ url: proxy, path: '/api/customers', seconds: 2, idempotencyKeys: true });
await fetch(`${process.argv[2]}/__sandbox/reset`, { method: 'POST' });
const measured = await load({ url: proxy, path: '/api/customers', seconds: 5, idempotencyKeys: true });
console.log(`warm ${warm.rps} req/s, measured ${measured.rps} req/s`);
