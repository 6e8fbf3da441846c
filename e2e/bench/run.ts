// `pnpm bench`: signup speed over a modelled network (TLS, a delay on every hop) against what
// merchants build from Omise's docs; then the proxy's throughput against its floor and honest
// references on loopback, its memory, and the widget's weight. One run, a few minutes at most.
// Writes e2e/bench/results/latest.json, latest.md, chart.svg and network.svg. BENCH_ONLY=widget
// measures the widget alone and replaces only its part of the last results (the rest stays as it was).
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { load, paced } from './load.ts';
import { measureNetwork } from './network.ts';
import { freeLoopback, proxyCommand, type Service, startProxy, startService } from './processes.ts';
import { writeReport } from './report.ts';
import { measureWidget } from './widget.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const MEMORY_REQUESTS = Number(process.env.BENCH_MEMORY_REQUESTS ?? 100_000);
const ONLY_WIDGET = process.env.BENCH_ONLY === 'widget';
const SECRET = 'skey_test_sandbox000000000000';
const AUTH = { authorization: `Basic ${Buffer.from(`${SECRET}:`).toString('base64')}`, 'omise-version': '2019-05-29' };

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

/** CPU time (user + system) a process has used so far, in µs (Linux clock ticks are 10 ms). */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

const services: Service[] = [];
async function start(name: string, env: Record<string, string> = {}) {
  const service = await startService(name, env);
  services.push(service);
  return service;
}

const started = Date.now();
const log = (text: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0)}s] ${text}`);
try {
  // The official client has no port option: its sandbox listens on :80 of a free loopback address.
  const sandbox = await start('sandbox', { BENCH_UPSTREAM_HOST: await freeLoopback(80), BENCH_UPSTREAM_PORT: '80' });
  const reset = () => fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
  const upstreamEnv = {
    OMISE_SECRET_KEY: SECRET,
    OMISE_PUBLIC_KEY: 'pkey_test_sandbox000000000000',
    OMISE_API_URL: sandbox.url,
    OMISE_VAULT_URL: sandbox.extraUrl ?? '',
    OMISE_JS_URL: `${sandbox.extraUrl}/omise.js`,
    RATE_LIMIT_IP_PER_MIN: '0',
    RATE_LIMIT_EMAIL_PER_HOUR: '0',
  };
  // The proxy, run as `pnpm start` runs it, also serves the demo page and the card frame (on a
  // port of its own) for the widget's timings.
  const proxy = await startProxy('proxy', {
    ...upstreamEnv,
    STATIC_DIR: fileURLToPath(new URL('../../web/dist/demo', import.meta.url)),
    CARD_FRAME_PORT: '0',
    CARD_FRAME_DIR: fileURLToPath(new URL('../../web/dist/card-frame', import.meta.url)),
  });
  services.push(proxy);
  if (ONLY_WIDGET) {
    log('widget only: bundle sizes and the demo page in Chromium');
    const latest = fileURLToPath(new URL('./results/latest.json', import.meta.url));
    const previous = JSON.parse(readFileSync(latest, 'utf8'));
    const widget = { ...(await measureWidget(proxy.url)), date: new Date().toISOString(), load_average: loadavg() };
    const written = writeReport({ ...previous, widget });
    console.table(widget);
    log(`wrote ${written.join(', ')}`);
  } else {
    // First, while the machine is quiet; it starts a stack of its own, behind its relays.
    log('signup over a modelled network, in Chromium');
    const network = await measureNetwork(log);
    // Idle: started, nothing asked yet.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const idleRss = rssMb(proxy.pid);
    const forwarder = await start('forwarder', upstreamEnv);
    const sdkRoute = await start('sdk-route', upstreamEnv);
    const expressFloor = await start('express-floor', upstreamEnv);
    const expressAxios = await start('express-axios', upstreamEnv);

    // Warm every path (JIT, sockets) before measuring anything.
    for (const [url, path, headers] of [
      [sandbox.url, '/customers', AUTH],
      [proxy.url, '/api/customers', {}],
      [forwarder.url, '/api/customers', {}],
      [sdkRoute.url, '/api/customers', {}],
      [expressFloor.url, '/api/customers', {}],
      [expressAxios.url, '/api/customers', {}],
    ] as const) {
      await load({ url, path, headers, seconds: 1, idempotencyKeys: true });
    }
    await reset();

    log('throughput, 10 connections each');
    const direct = await load({ url: sandbox.url, path: '/customers', headers: AUTH, seconds: SECONDS });
    await reset();
    const cpuBefore = cpuMicros(proxy.pid);
    const ours = await load({ url: proxy.url, path: '/api/customers', seconds: SECONDS, idempotencyKeys: true });
    const cpuPerCreate = Math.round((cpuMicros(proxy.pid) - cpuBefore) / ours.requests);
    await reset();
    const floor = await load({ url: forwarder.url, path: '/api/customers', seconds: SECONDS });
    await reset();
    const sdk = await load({ url: sdkRoute.url, path: '/api/customers', seconds: SECONDS });
    await reset();
    const bareExpress = await load({ url: expressFloor.url, path: '/api/customers', seconds: SECONDS });
    await reset();
    const axiosRoute = await load({ url: expressAxios.url, path: '/api/customers', seconds: SECONDS });
    await reset();
    for (const [name, r] of Object.entries({ direct, ours, floor, sdk, bareExpress, axiosRoute })) {
      log(`${name}: ${r.rps} req/s, p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms, non-2xx ${r.non2xx}, errors ${r.errors}`);
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`${name} answered ${r.non2xx} non-2xx and ${r.errors} errors`);
    }

    log('added latency at 200 req/s');
    const directPaced = await paced({
      url: sandbox.url,
      path: '/customers',
      headers: AUTH,
      seconds: SECONDS,
      rate: 200,
    });
    await reset();
    const oursPaced = await paced({
      url: proxy.url,
      path: '/api/customers',
      seconds: SECONDS,
      rate: 200,
      idempotencyKeys: true,
    });
    await reset();
    log(
      `paced: direct p50 ${directPaced.p50_ms} p99 ${directPaced.p99_ms}; ours p50 ${oursPaced.p50_ms} p99 ${oursPaced.p99_ms}`,
    );
    if (directPaced.failures + oursPaced.failures > 0) {
      throw new Error(`paced requests failed: direct ${directPaced.failures}, ours ${oursPaced.failures}`);
    }

    log(`memory: ${MEMORY_REQUESTS} requests with distinct idempotency keys`);
    // In two halves: the growth over the second half shows whether memory levels off.
    const rssBefore = rssMb(proxy.pid);
    const half = {
      url: proxy.url,
      path: '/api/customers',
      amount: MEMORY_REQUESTS / 2,
      connections: 20,
      idempotencyKeys: true,
    };
    const firstHalf = await load(half);
    const rssMid = rssMb(proxy.pid);
    const secondHalf = await load(half);
    const rssAfter = rssMb(proxy.pid);
    const memoryRun = { requests: firstHalf.requests + secondHalf.requests };
    await reset();
    log(`rss ${rssBefore} MB → ${rssMid} MB → ${rssAfter} MB over ${memoryRun.requests} requests`);

    log('widget: bundle sizes and the demo page in Chromium');
    const widget = await measureWidget(proxy.url);

    const results = {
      date: new Date().toISOString(),
      machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
      settings: { seconds: SECONDS, connections: 10, paced_rate: 200, memory_requests: MEMORY_REQUESTS },
      network,
      proxy: {
        rps: ours.rps,
        p50_ms: ours.p50_ms,
        p99_ms: ours.p99_ms,
        cpu_us_per_create: cpuPerCreate,
        idle_rss_mb: idleRss,
        /** How the proxy ran: built JavaScript, or TypeScript through tsx until the server has a build. */
        runs_from: proxyCommand().built ? 'dist (built JavaScript)' : 'src through tsx',
      },
      direct: { rps: direct.rps, p50_ms: direct.p50_ms, p99_ms: direct.p99_ms },
      forwarder: { rps: floor.rps, p50_ms: floor.p50_ms, p99_ms: floor.p99_ms },
      sdk_route: { rps: sdk.rps, p50_ms: sdk.p50_ms, p99_ms: sdk.p99_ms },
      express_floor: { rps: bareExpress.rps, p50_ms: bareExpress.p50_ms, p99_ms: bareExpress.p99_ms },
      express_axios: { rps: axiosRoute.rps, p50_ms: axiosRoute.p50_ms, p99_ms: axiosRoute.p99_ms },
      ratio: {
        vs_express_axios: Math.round((ours.rps / axiosRoute.rps) * 100) / 100,
        vs_forwarder: Math.round((ours.rps / floor.rps) * 100) / 100,
        vs_sdk_route: Math.round((ours.rps / sdk.rps) * 100) / 100,
        vs_express_floor: Math.round((ours.rps / bareExpress.rps) * 100) / 100,
      },
      added_latency: {
        p50_ms: Math.round((oursPaced.p50_ms - directPaced.p50_ms) * 100) / 100,
        p99_ms: Math.round((oursPaced.p99_ms - directPaced.p99_ms) * 100) / 100,
      },
      memory: {
        rss_before_mb: rssBefore,
        rss_mid_mb: rssMid,
        rss_after_mb: rssAfter,
        rss_growth_mb: Math.round((rssAfter - rssBefore) * 10) / 10,
        rss_growth_second_half_mb: Math.round((rssAfter - rssMid) * 10) / 10,
        requests: memoryRun.requests,
      },
      widget,
      wall_seconds: Math.round((Date.now() - started) / 1000),
    };
    const written = writeReport(results);
    console.table({
      'sparse: ours / docs ms': `${network.sparse.ours_ms} / ${network.sparse.docs_ms}`,
      'back-to-back: ours / docs ms': `${network.busy.ours_ms} / ${network.busy.docs_ms}`,
      'proxy req/s': results.proxy.rps,
      'express + axios req/s': results.express_axios.rps,
      'ours ÷ express + axios': results.ratio.vs_express_axios,
      'proxy CPU µs per create': results.proxy.cpu_us_per_create,
      'proxy idle RSS MB': results.proxy.idle_rss_mb,
      'forwarder req/s': results.forwarder.rps,
      'sdk route req/s': results.sdk_route.rps,
      'direct req/s': results.direct.rps,
      'bare Express req/s': results.express_floor.rps,
      'ours ÷ forwarder': results.ratio.vs_forwarder,
      'ours ÷ sdk route': results.ratio.vs_sdk_route,
      'added p50 ms': results.added_latency.p50_ms,
      'added p99 ms': results.added_latency.p99_ms,
      'rss growth MB': results.memory.rss_growth_mb,
      'IIFE gzip bytes': results.widget.iife_gzip_bytes,
      'interactive ms': results.widget.interactive_ms,
      'click to customer ms': results.widget.click_to_customer_ms,
    });
    log(`wrote ${written.join(', ')}`);
  }
} finally {
  await Promise.all(services.map((service) => service.stop()));
}
