// Signup speed over a modelled network: the sandbox's API and vault over TLS, a delay relay on
// every hop, Debian's Chromium as the shopper. Each participant gets its own relays, so every
// byte a hop carried is that participant's; one sandbox behind all of them.
//
//   browser ──relay──▶ TLS edge ──▶ server (our proxy | the docs integration's Express app)
//   browser ──relay──▶ sandbox vault (TLS)            server ──relay──▶ sandbox API (TLS)
//   browser ──relay──▶ TLS edge ──▶ the card frame (ours, the demo's default; a port of our proxy)
//
// Ours runs twice: with the card frame (the default whenever a frame URL is known, as in the demo),
// and with the card fields inline (`card-isolation="inline"`, the fallback), each with its own proxy.
//
// The model compresses time: a shopper types for BENCH_TYPING_MS, the upstream closes idle
// connections after BENCH_KEEPALIVE_MS (longer), and sparse signups come further apart than that,
// so each sparse signup finds the upstream's connections gone, as a quiet shop's does.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from '@playwright/test';
import { type HopActivity, hopActivity, type Interval, type Segment, timeline } from './critical-path.ts';
import { freeLoopback, freePort, type Service, startProxy, startService } from './processes.ts';
import { type Relay, startRelay } from './relay.ts';
import { makeCertificate, startTlsEdge } from './tls.ts';

const SECRET = 'skey_test_sandbox000000000000';
const PUBLIC = 'pkey_test_sandbox000000000000';

export interface NetworkSettings {
  rttMs: number;
  /** A new connection pays TCP's handshake too (one more round trip). */
  tcpHandshake: boolean;
  /** From the first field's focus to the click. */
  typingMs: number;
  /** The sandbox closes connections idle this long. */
  keepAliveMs: number;
  /** Signups per participant and pattern. */
  runs: number;
}

export function networkSettings(env: NodeJS.ProcessEnv = process.env): NetworkSettings {
  const rttMs = Number(env.BENCH_RTT_MS ?? 40);
  const typingMs = Number(env.BENCH_TYPING_MS ?? Math.max(800, 10 * rttMs));
  return {
    rttMs,
    tcpHandshake: env.BENCH_TCP_HANDSHAKE !== '0',
    typingMs,
    keepAliveMs: Number(env.BENCH_KEEPALIVE_MS ?? Math.max(2000, typingMs + 1000)),
    runs: Number(env.BENCH_NETWORK_RUNS ?? 20),
  };
}

export type Pattern = 'sparse' | 'busy';
export type HopKey = 'vault' | 'server' | 'api' | 'frame';

const HOP_LABELS: Record<HopKey, string> = {
  vault: 'browser → vault',
  server: 'browser → server',
  api: 'server → Omise API',
  frame: 'browser → card frame',
};

interface Hop {
  key: HopKey;
  relay: Relay;
}

interface Participant {
  key: 'ours' | 'inline' | 'docs';
  label: string;
  pageUrl: string;
  /** Inner hops first: the API call happens inside the server's request. */
  hops: Hop[];
  fill(page: Page, i: number): Promise<void>;
  /** Another shopper's signup through the same server, finishing just before ours (back-to-back). */
  otherShopper(i: number): Promise<void>;
}

export interface Sample {
  ms: number;
  hops: Record<HopKey, HopActivity>;
  segments: Segment[];
}

// Timestamps on the page's clock (epoch ms, sub-ms), which the relays share: when the shopper
// clicked a button (kept across the docs integration's form navigation), and when a customer id
// first appeared in the document or an open shadow root.
const TIMING_SCRIPT = `(() => {
  if (window.top !== window) return;
  const now = () => performance.timeOrigin + performance.now();
  addEventListener('click', (event) => {
    const target = event.composedPath()[0];
    if (target instanceof Element && target.closest('button') && !sessionStorage.getItem('__benchClick')) {
      sessionStorage.setItem('__benchClick', String(now()));
    }
  }, true);
  const roots = [document];
  const check = () => {
    if (window.__benchRendered) return;
    if (roots.some((root) => /cust_test_\\w/.test((root === document ? document.documentElement : root)?.textContent ?? ''))) {
      window.__benchRendered = now();
    }
  };
  const observer = new MutationObserver(check);
  const watch = (root) => observer.observe(root, { subtree: true, childList: true, characterData: true });
  watch(document);
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    roots.push(root);
    watch(root);
    return root;
  };
})();`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Our widget: the card fields in the card frame, or (`inline`) in the widget's shadow root. */
async function fillOurs(page: Page, i: number, { inline = false } = {}) {
  await page.getByLabel('Email').fill(`shopper${i}@example.com`);
  const card = inline ? page : page.locator('omise-signup iframe').contentFrame();
  await card.getByLabel('Name on card').fill('Network Shopper');
  await card.getByLabel('Card number').fill('4242424242424242');
  await card.getByLabel('Expiry (MM/YY)').fill('12/31');
  await card.getByLabel('Security code').fill('123');
}

async function fillDocs(page: Page, i: number) {
  await page.getByLabel('Email').fill(`shopper${i}@example.com`);
  await page.getByLabel('Name on card').fill('Network Shopper');
  await page.getByLabel('Card number').fill('4242424242424242');
  await page.getByLabel('Expiry month').selectOption('12');
  await page.getByLabel('Expiry year').selectOption('2031');
  await page.getByLabel('Security code').fill('123');
}

/** Another shopper's signup through our proxy, straight to its API (back-to-back). */
const otherShopper = (proxy: Service, i: number) =>
  post(`${proxy.url}/api/customers`, {
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ email: `other${i}@example.com` }),
  });

async function post(url: string, init: RequestInit) {
  const response = await fetch(url, { ...init, method: 'POST' });
  await response.arrayBuffer();
  if (response.status >= 300) throw new Error(`${url} answered ${response.status}`);
}

export interface NetworkModel {
  settings: NetworkSettings;
  participants: Participant[];
  browser: Browser;
  close(): Promise<void>;
}

/** Builds the network model: certificate, sandbox over TLS, relays, our proxy, the docs integration, Chromium. */
export async function startNetworkModel(settings: NetworkSettings): Promise<NetworkModel> {
  const closers: (() => Promise<unknown>)[] = [];
  const close = async () => {
    while (closers.length)
      await closers
        .pop()?.()
        .catch(() => {});
  };
  try {
    const oneWayMs = settings.rttMs / 2;
    // The official client calls https://<host>/ on 443; give it an address of its own.
    const docsApiHost = await freeLoopback(443);
    const certificate = await makeCertificate(['127.0.0.1', docsApiHost]);
    const service = async (start: Promise<Service>) => {
      const started = await start;
      closers.push(() => started.stop());
      return started;
    };
    const relay = async (target: string, listen: { host?: string; port?: number } = {}) => {
      const url = new URL(target);
      const started = await startRelay({
        target: { host: url.hostname, port: Number(url.port) },
        oneWayMs,
        tcpHandshake: settings.tcpHandshake,
        ...listen,
      });
      closers.push(() => started.close());
      return started;
    };
    const edge = async (target: string) => {
      const url = new URL(target);
      const started = await startTlsEdge({
        key: certificate.key,
        cert: certificate.cert,
        target: { host: url.hostname, port: Number(url.port) },
      });
      closers.push(() => started.close());
      return `https://127.0.0.1:${started.port}`;
    };
    const urlOf = (r: Relay, host = '127.0.0.1') => `https://${host}:${r.port}`;

    const sandbox = await service(
      startService('sandbox-tls', {
        BENCH_TLS_KEY_FILE: certificate.keyFile,
        BENCH_TLS_CERT_FILE: certificate.certFile,
        BENCH_KEEPALIVE_MS: String(settings.keepAliveMs),
      }),
    );
    const trust = { NODE_EXTRA_CA_CERTS: certificate.caFile };

    // Ours: the demo page served by the proxy, as `pnpm start` serves it.
    const proxyEnv = (api: Relay, vault: Relay) => ({
      ...trust,
      OMISE_SECRET_KEY: SECRET,
      OMISE_PUBLIC_KEY: PUBLIC,
      OMISE_API_URL: urlOf(api),
      OMISE_VAULT_URL: urlOf(vault),
      OMISE_JS_URL: `${urlOf(vault)}/omise.js`,
      STATIC_DIR: fileURLToPath(new URL('../../web/dist/demo', import.meta.url)),
      RATE_LIMIT_IP_PER_MIN: '0',
      RATE_LIMIT_EMAIL_PER_HOUR: '0',
    });
    // With the card frame: the proxy serves it on a port of its own, which the page reaches through
    // a relay and a TLS edge of its own, as a shop's `card.` subdomain. Their addresses go into the
    // proxy's settings (the frame's URL, the page's origin that may frame it), so they are fixed first.
    const framePort = await freePort();
    const [framePagePort, frameRelayPort] = [await freePort(), await freePort()];
    const oursVault = await relay(sandbox.extraUrl ?? '');
    const oursApi = await relay(sandbox.url);
    const proxy = await service(
      startProxy('network proxy', {
        ...proxyEnv(oursApi, oursVault),
        CARD_FRAME_PORT: String(framePort),
        CARD_FRAME_DIR: fileURLToPath(new URL('../../web/dist/card-frame', import.meta.url)),
        CARD_FRAME_URL: `https://127.0.0.1:${frameRelayPort}/`,
        CARD_FRAME_ANCESTORS: `https://127.0.0.1:${framePagePort}`,
      }),
    );
    const oursPage = await relay(await edge(proxy.url), { port: framePagePort });
    const oursFrame = await relay(await edge(`http://127.0.0.1:${framePort}`), { port: frameRelayPort });

    // Inline card fields: a proxy of its own that names no card frame.
    const inlineVault = await relay(sandbox.extraUrl ?? '');
    const inlineApi = await relay(sandbox.url);
    const inlineProxy = await service(startProxy('network proxy, inline', proxyEnv(inlineApi, inlineVault)));
    const inlinePage = await relay(await edge(inlineProxy.url));

    // The docs integration: its own relays, the same sandbox.
    const docsVault = await relay(sandbox.extraUrl ?? '');
    const docsApi = await relay(sandbox.url, { host: docsApiHost, port: 443 });
    const docsApp = await service(
      startService('docs-app', {
        ...trust,
        OMISE_SECRET_KEY: SECRET,
        OMISE_PUBLIC_KEY: PUBLIC,
        OMISE_JS_URL: `${urlOf(docsVault)}/omise.js`,
        DOCS_API_HOST: docsApiHost,
      }),
    );
    const docsPage = await relay(await edge(docsApp.url));

    const participants: Participant[] = [
      {
        key: 'ours',
        label: 'omise-signup (widget + proxy, card frame)',
        pageUrl: `${urlOf(oursPage)}/`,
        hops: [
          { key: 'api', relay: oursApi },
          { key: 'server', relay: oursPage },
          { key: 'vault', relay: oursVault },
          { key: 'frame', relay: oursFrame },
        ],
        fill: (page, i) => fillOurs(page, i),
        otherShopper: (i) => otherShopper(proxy, i),
      },
      {
        key: 'inline',
        label: 'omise-signup (widget + proxy, inline card fields)',
        pageUrl: `${urlOf(inlinePage)}/`,
        hops: [
          { key: 'api', relay: inlineApi },
          { key: 'server', relay: inlinePage },
          { key: 'vault', relay: inlineVault },
        ],
        fill: (page, i) => fillOurs(page, i, { inline: true }),
        otherShopper: (i) => otherShopper(inlineProxy, i),
      },
      {
        key: 'docs',
        label: "Omise's docs: omise.js + form + Express + omise client",
        pageUrl: `${urlOf(docsPage)}/`,
        hops: [
          { key: 'api', relay: docsApi },
          { key: 'server', relay: docsPage },
          { key: 'vault', relay: docsVault },
        ],
        fill: fillDocs,
        otherShopper: (i) =>
          post(`${docsApp.url}/signup`, {
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: `email=other${i}%40example.com`,
          }),
      },
    ];

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-quic',
        // Trust the run's certificate the way a test CA would be trusted: by its key.
        `--ignore-certificate-errors-spki-list=${certificate.spki}`,
      ],
    });
    closers.push(() => browser.close());
    return {
      settings,
      participants,
      browser,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * One shopper: a fresh browser, the page, typing from `focusAt` (a `performance.now()` time; the page
 * loads before it, reading), the click, the rendered customer.
 */
async function signUp(
  model: NetworkModel,
  participant: Participant,
  pattern: Pattern,
  i: number,
  focusAt = 0,
): Promise<Sample> {
  const context = await model.browser.newContext({
    locale: 'en-GB',
    timezoneId: 'Asia/Bangkok',
    viewport: { width: 1100, height: 900 },
  });
  try {
    await context.addInitScript(TIMING_SCRIPT);
    const page = await context.newPage();
    await page.goto(participant.pageUrl);
    await page.getByLabel('Email').waitFor({ state: 'visible' });
    await sleep(focusAt - performance.now());
    const typingFrom = performance.now();
    await participant.fill(page, i);
    await sleep(model.settings.typingMs - (performance.now() - typingFrom));
    if (pattern === 'busy') await participant.otherShopper(i);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page
      .getByText(/cust_test_\w/)
      .first()
      .waitFor({ state: 'visible', timeout: 20_000 });
    const { clickAt, renderedAt } = await page.evaluate(() => ({
      clickAt: Number(sessionStorage.getItem('__benchClick')),
      renderedAt: Number((window as { __benchRendered?: number }).__benchRendered),
    }));
    if (!(clickAt > 0 && renderedAt > clickAt))
      throw new Error(`${participant.key}: no timing (${clickAt}, ${renderedAt})`);
    const { tcpHandshake } = model.settings;
    const hops = Object.fromEntries(
      participant.hops.map((hop) => [
        hop.key,
        hopActivity(hop.relay.connections, clickAt, renderedAt, { tcpHandshake }),
      ]),
    ) as Record<HopKey, HopActivity>;
    const layers = participant.hops.map((hop) => ({ hop: hop.key, intervals: hops[hop.key].intervals as Interval[] }));
    return { ms: renderedAt - clickAt, hops, segments: timeline(clickAt, renderedAt, layers, 'browser') };
  } finally {
    await context.close();
    for (const hop of participant.hops) hop.relay.clear();
  }
}

/**
 * Runs each pattern: `runs` signups per participant, the participants taking turns. Sparse:
 * a participant's next shopper starts typing only once its last signup is older than the
 * upstream's keep-alive (loading a page touches no upstream, so that happens meanwhile). Busy:
 * another shopper's signup finishes through the same server just before the click.
 */
export async function runPatterns(model: NetworkModel, log: (text: string) => void) {
  const samples: Record<Pattern, Record<string, Sample[]>> = { sparse: {}, busy: {} };
  // One unmeasured signup each: compiled code paths, Chromium's own first-run work.
  for (const participant of model.participants) await signUp(model, participant, 'busy', -1);
  for (const pattern of ['sparse', 'busy'] as const) {
    const lastEnd = new Map<string, number>();
    for (let i = 0; i < model.settings.runs; i++) {
      for (const participant of model.participants) {
        const focusAt =
          pattern === 'sparse' ? (lastEnd.get(participant.key) ?? 0) + model.settings.keepAliveMs + 500 : 0;
        const sample = await signUp(model, participant, pattern, i, focusAt);
        lastEnd.set(participant.key, performance.now());
        samples[pattern][participant.key] = [...(samples[pattern][participant.key] ?? []), sample];
      }
    }
    const line = model.participants
      .map((p) => `${p.key} ${Math.round(median((samples[pattern][p.key] ?? []).map((s) => s.ms)))} ms`)
      .join(', ');
    log(`${pattern}: ${line} (median of ${model.settings.runs})`);
  }
  return samples;
}

const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  if (sorted.length === 0) return 0;
  return sorted.length % 2 ? (sorted[Math.floor(mid)] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Nearest rank. */
export function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

export interface ParticipantSummary {
  label: string;
  median_ms: number;
  p90_ms: number;
  rtts: number;
  /** Medians per hop over the runs: busy time on the critical path, round trips, new connections. */
  hops: Record<HopKey, { label: string; ms: number; round_trips: number; connections: number }>;
  /** The median run's critical path, in order: which hop held it, for how long. */
  critical_path: { hop: HopKey | 'browser'; ms: number }[];
  /** Runs in which some hop opened a connection between the click and the customer. */
  runs_with_new_connection: number;
  /** Every run: ms, then per hop [round trips, new connections]. */
  runs: ({ ms: number } & Record<HopKey, [number, number]>)[];
}

export function summarise(samples: Sample[], label: string, rttMs: number): ParticipantSummary {
  const times = samples.map((s) => s.ms);
  const byTime = [...samples].sort((a, b) => a.ms - b.ms);
  const typical = byTime[Math.floor(byTime.length / 2)];
  const hopKeys = Object.keys(samples[0]?.hops ?? {}) as HopKey[];
  const medianMs = median(times);
  return {
    label,
    median_ms: round(medianMs),
    p90_ms: round(percentile(times, 0.9)),
    rtts: round(medianMs / rttMs, 1),
    hops: Object.fromEntries(
      hopKeys.map((key) => [
        key,
        {
          label: HOP_LABELS[key],
          ms: round(median(samples.map((s) => s.hops[key].ms))),
          round_trips: median(samples.map((s) => s.hops[key].roundTrips)),
          connections: median(samples.map((s) => s.hops[key].newConnections)),
        },
      ]),
    ) as ParticipantSummary['hops'],
    critical_path: (typical?.segments ?? []).map((segment) => ({
      hop: segment.hop as HopKey | 'browser',
      ms: round(segment.to - segment.from, 1),
    })),
    runs_with_new_connection: samples.filter((s) => hopKeys.some((key) => s.hops[key].newConnections > 0)).length,
    runs: samples.map((s) => ({
      ms: round(s.ms),
      ...(Object.fromEntries(
        hopKeys.map((key) => [key, [s.hops[key].roundTrips, s.hops[key].newConnections]]),
      ) as Record<HopKey, [number, number]>),
    })),
  };
}

/** Starts the model, runs both patterns, stops everything; the results for latest.json. */
export async function measureNetwork(log: (text: string) => void, settings = networkSettings()) {
  const model = await startNetworkModel(settings);
  try {
    log(
      `network: RTT ${settings.rttMs} ms${settings.tcpHandshake ? ' (TCP handshake modelled)' : ''}, typing ${settings.typingMs} ms, upstream keep-alive ${settings.keepAliveMs} ms, ${settings.runs} signups per participant and pattern`,
    );
    const samples = await runPatterns(model, log);
    const pattern = (name: Pattern) => {
      const summaries = Object.fromEntries(
        model.participants.map((p) => [p.key, summarise(samples[name][p.key] ?? [], p.label, settings.rttMs)]),
      ) as Record<Participant['key'], ParticipantSummary>;
      return {
        ours_ms: summaries.ours.median_ms,
        docs_ms: summaries.docs.median_ms,
        ours_p90_ms: summaries.ours.p90_ms,
        docs_p90_ms: summaries.docs.p90_ms,
        ours_rtts: summaries.ours.rtts,
        docs_rtts: summaries.docs.rtts,
        inline_ms: summaries.inline.median_ms,
        inline_p90_ms: summaries.inline.p90_ms,
        inline_rtts: summaries.inline.rtts,
        participants: summaries,
      };
    };
    return {
      rtt_ms: settings.rttMs,
      tcp_handshake: settings.tcpHandshake,
      typing_ms: settings.typingMs,
      keepalive_ms: settings.keepAliveMs,
      runs: settings.runs,
      sparse: pattern('sparse'),
      busy: pattern('busy'),
    };
  } finally {
    await model.close();
  }
}

export type NetworkResults = Awaited<ReturnType<typeof measureNetwork>>;
