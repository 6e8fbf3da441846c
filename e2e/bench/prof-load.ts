import { load } from './load.ts';
const r = await load({ url: 'http://127.0.0.1:3999', path: '/api/customers', seconds: 2, idempotencyKeys: true });
await fetch(`${process.argv[2]}/__sandbox/reset`, { method: 'POST' });
const m = await load({ url: 'http://127.0.0.1:3999', path: '/api/customers', seconds: 5, idempotencyKeys: true });
console.log('warm', r.rps, 'measured', m.rps, 'rps');
