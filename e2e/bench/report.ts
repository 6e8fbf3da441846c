import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { HopKey, NetworkResults, ParticipantSummary } from './network.ts';

const dir = fileURLToPath(new URL('./results/', import.meta.url));

type Rate = { rps: number; p50_ms: number; p99_ms: number };

export interface Results {
  date: string;
  machine: { cores: number; cpu: string; node: string };
  network: NetworkResults;
  proxy: Rate & { cpu_us_per_create: number; idle_rss_mb: number; runs_from: string };
  direct: Rate;
  forwarder: Rate;
  sdk_route: Rate;
  express_floor: Rate;
  express_axios: Rate;
  ratio: { vs_express_axios: number; vs_forwarder: number; vs_sdk_route: number; vs_express_floor: number };
  added_latency: { p50_ms: number; p99_ms: number };
  memory: {
    rss_before_mb: number;
    rss_mid_mb: number;
    rss_after_mb: number;
    rss_growth_mb: number;
    rss_growth_second_half_mb: number;
    requests: number;
  };
  widget: {
    iife_gzip_bytes: number;
    iife_brotli_bytes: number;
    esm_gzip_bytes: number;
    esm_brotli_bytes: number;
    frame_gzip_bytes: number;
    frame_brotli_bytes: number;
    interactive_ms: number;
    card_fields_ready_ms: number;
    click_to_customer_ms: number;
    inline: { interactive_ms: number; card_fields_ready_ms: number; click_to_customer_ms: number };
    /** Set when the widget was measured on its own (BENCH_ONLY=widget), later than the rest. */
    date?: string;
    load_average?: number[];
  };
  wall_seconds: number;
}

export const TARGETS = {
  /** Ours, click → customer, both patterns: at most 3.5 round trips plus 25 ms. */
  network_rtts: 3.5,
  network_extra_ms: 25,
  /** The docs integration takes at least this many times as long as ours, sparse. */
  vs_docs_sparse: 1.5,
  vs_express_axios: 0.8,
  added_p50_ms: 1,
  added_p99_ms: 5,
  iife_gzip_bytes: 21 * 1024,
  frame_gzip_bytes: 12.5 * 1024,
  click_to_customer_ms: 150,
  wall_seconds: 360,
};

export const networkBudgetMs = (rttMs: number) => TARGETS.network_rtts * rttMs + TARGETS.network_extra_ms;

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A bar chart of req/s, as an SVG the README can show without any chart library. */
function chart(results: Results): string {
  const bars = [
    ['Sandbox, called directly', results.direct.rps, '#9aa5b1'],
    ['node:http forwarder (floor)', results.forwarder.rps, '#9aa5b1'],
    ['Express 5 + JSON + our Omise client', results.express_floor.rps, '#9aa5b1'],
    ['Express 5 + JSON + axios', results.express_axios.rps, '#9aa5b1'],
    ['omise-signup proxy', results.proxy.rps, '#1a56db'],
    ['Express + official omise client', results.sdk_route.rps, '#c2410c'],
  ] as const;
  const max = Math.max(...bars.map(([, value]) => value));
  const width = 640;
  const left = 230;
  const barWidth = width - left - 90;
  const rows = bars
    .map(([label, value, colour], i) => {
      const y = 40 + i * 34;
      const w = Math.max(1, Math.round((value / max) * barWidth));
      return `<text x="${left - 10}" y="${y + 16}" text-anchor="end">${escapeXml(label)}</text>
<rect x="${left}" y="${y}" width="${w}" height="22" rx="3" fill="${colour}"/>
<text x="${left + w + 6}" y="${y + 16}">${value.toLocaleString('en')} req/s</text>`;
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${40 + bars.length * 34 + 20}" font-family="system-ui, sans-serif" font-size="13" fill="#1f2933">
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="10" y="22" font-weight="600">POST /api/customers through each, same sandbox upstream, 10 connections (${escapeXml(results.date.slice(0, 10))})</text>
${rows}
</svg>
`;
}

const HOP_COLOURS: Record<HopKey | 'browser', string> = {
  browser: '#cbd2d9',
  vault: '#7c3aed',
  server: '#1a56db',
  api: '#c2410c',
  frame: '#0e9f6e',
};
const HOP_NAMES: Record<HopKey | 'browser', string> = {
  browser: 'browser (scripts, render)',
  vault: 'browser → vault (token)',
  server: 'browser → server',
  api: 'server → Omise API',
  frame: 'browser → card frame',
};

const hopCaption = (summary: ParticipantSummary) =>
  (['vault', 'server', 'api', 'frame'] as const)
    .filter((key) => summary.hops[key])
    .map((key) => {
      const hop = summary.hops[key];
      const fresh = hop.connections ? `, ${hop.connections} new conn.` : '';
      return `${key} ${hop.ms} ms (${hop.round_trips} RT${fresh})`;
    })
    .join(' · ');

/**
 * The critical path of each participant's median signup, per pattern: one bar from click to
 * rendered customer, coloured by the hop that held it, over a grid of round trips.
 */
export function networkChart(network: NetworkResults, date: string): string {
  const width = 860;
  const left = 200;
  const right = 170;
  const rowHeight = 58;
  const patterns = [
    ['sparse', 'Sparse signups (the upstream’s idle connections closed)'],
    ['busy', 'Back to back (another signup just went through)'],
  ] as const;
  const rows = patterns.flatMap(([key]) => Object.values(network[key].participants));
  const maxMs = Math.max(...rows.map((row) => row.critical_path.reduce((sum, s) => sum + s.ms, 0)), 1);
  const scale = (width - left - right) / maxMs;
  let y = 56;
  const parts: string[] = [];
  const gridTop = y - 6;
  for (const [key, title] of patterns) {
    parts.push(`<text x="10" y="${y + 4}" font-weight="600">${escapeXml(title)}</text>`);
    y += 14;
    for (const summary of Object.values(network[key].participants)) {
      let x = left;
      parts.push(
        `<text x="${left - 10}" y="${y + 16}" text-anchor="end">${escapeXml(shortLabel(summary.label))}</text>`,
      );
      for (const segment of summary.critical_path) {
        const w = segment.ms * scale;
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${y}" width="${Math.max(0.5, w).toFixed(1)}" height="22" fill="${HOP_COLOURS[segment.hop]}"><title>${escapeXml(`${HOP_NAMES[segment.hop]}: ${segment.ms} ms`)}</title></rect>`,
        );
        x += w;
      }
      parts.push(
        `<text x="${(x + 6).toFixed(1)}" y="${y + 16}" font-weight="600">${summary.median_ms} ms · ${summary.rtts} RTT</text>`,
        `<text x="${left}" y="${y + 38}" font-size="11" fill="#52606d">${escapeXml(hopCaption(summary))}</text>`,
      );
      y += rowHeight - 14;
    }
    y += 14;
  }
  // Round-trip grid behind the bars.
  const grid: string[] = [];
  for (let rt = 1; rt * network.rtt_ms <= maxMs; rt++) {
    const gx = (left + rt * network.rtt_ms * scale).toFixed(1);
    grid.push(
      `<line x1="${gx}" y1="${gridTop}" x2="${gx}" y2="${y - 20}" stroke="#e4e7eb" stroke-dasharray="3 3"/>`,
      `<text x="${gx}" y="${gridTop - 4}" font-size="10" text-anchor="middle" fill="#7b8794">${rt}</text>`,
    );
  }
  const legend = (Object.keys(HOP_COLOURS) as (HopKey | 'browser')[])
    .map((hop, i) => {
      const lx = 10 + i * 170;
      return `<rect x="${lx}" y="${y + 8}" width="12" height="12" fill="${HOP_COLOURS[hop]}"/><text x="${lx + 18}" y="${y + 18}" font-size="11">${escapeXml(HOP_NAMES[hop])}</text>`;
    })
    .join('\n');
  const budget = (left + networkBudgetMs(network.rtt_ms) * scale).toFixed(1);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 30}" font-family="system-ui, sans-serif" font-size="13" fill="#1f2933">
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="10" y="20" font-weight="600">Click → rendered customer, median signup · RTT ${network.rtt_ms} ms · TLS on every hop${network.tcp_handshake ? ' · TCP handshake modelled' : ''} · ${escapeXml(date.slice(0, 10))}</text>
<text x="${left - 10}" y="${gridTop - 4}" font-size="10" text-anchor="end" fill="#7b8794">round trips</text>
${grid.join('\n')}
<line x1="${budget}" y1="${gridTop}" x2="${budget}" y2="${y - 20}" stroke="#0e9f6e" stroke-width="1.5"/>
<text x="${budget}" y="${y - 8}" font-size="10" text-anchor="middle" fill="#0e9f6e">target ${TARGETS.network_rtts} RTT + ${TARGETS.network_extra_ms} ms</text>
${parts.join('\n')}
${legend}
</svg>
`;
}

const shortLabel = (label: string) =>
  label.startsWith('omise-signup')
    ? label.includes('inline')
      ? 'omise-signup, inline'
      : 'omise-signup, card frame'
    : label.startsWith("Omise's docs")
      ? 'Omise docs integration'
      : label;

const mark = (ok: boolean) => (ok ? '✅' : '❌');

function networkTable(r: Results): string {
  const n = r.network;
  const budget = networkBudgetMs(n.rtt_ms);
  const line = (name: string, ms: number, p90: number, rtts: number, target: string, ok: boolean | null) =>
    `| ${name} | ${ms} | ${p90} | ${rtts} | ${target} | ${ok === null ? '' : mark(ok)} |`;
  const speedup = Math.round((n.sparse.docs_ms / n.sparse.ours_ms) * 100) / 100;
  const hopRows = (['sparse', 'busy'] as const).flatMap((pattern) =>
    Object.values(n[pattern].participants).map(
      (p) =>
        `| ${pattern === 'sparse' ? 'sparse' : 'back to back'} | ${shortLabel(p.label)} | ${hopCaption(p)} | ${p.runs_with_new_connection} of ${p.runs.length} |`,
    ),
  );
  return `| click → rendered customer | median ms | p90 ms | RTTs | target | |
| --- | ---: | ---: | ---: | ---: | :-: |
${line('**ours** (card frame), sparse', n.sparse.ours_ms, n.sparse.ours_p90_ms, n.sparse.ours_rtts, `≤ ${budget} ms`, n.sparse.ours_ms <= budget)}
${line('ours, inline card fields, sparse', n.sparse.inline_ms, n.sparse.inline_p90_ms, n.sparse.inline_rtts, '', null)}
${line('docs integration, sparse', n.sparse.docs_ms, n.sparse.docs_p90_ms, n.sparse.docs_rtts, '', null)}
${line('**ours** (card frame), back to back', n.busy.ours_ms, n.busy.ours_p90_ms, n.busy.ours_rtts, `≤ ${budget} ms`, n.busy.ours_ms <= budget)}
${line('ours, inline card fields, back to back', n.busy.inline_ms, n.busy.inline_p90_ms, n.busy.inline_rtts, '', null)}
${line('docs integration, back to back', n.busy.docs_ms, n.busy.docs_p90_ms, n.busy.docs_rtts, '', null)}
| docs ÷ ours, sparse | ${speedup}× | | | ≥ ${TARGETS.vs_docs_sparse}× | ${mark(speedup >= TARGETS.vs_docs_sparse)} |

Per hop on the critical path (medians over the runs; RT = round trips, counting TCP's handshake):

| pattern | participant | hops | runs that opened a connection |
| --- | --- | --- | ---: |
${hopRows.join('\n')}
`;
}

function markdown(r: Results): string {
  const n = r.network;
  return `# Benchmark results

${r.date}, ${r.machine.cores} cores (${r.machine.cpu}), Node ${r.machine.node}; run took ${r.wall_seconds} s (target ≤ ${TARGETS.wall_seconds} s ${mark(r.wall_seconds <= TARGETS.wall_seconds)}).

## Signup over a network

Debian's Chromium, a fresh browser per shopper; the sandbox's API and vault over TLS; a relay on
every hop holding each chunk ${n.rtt_ms / 2} ms each way (RTT ${n.rtt_ms} ms${n.tcp_handshake ? ', TCP handshake modelled' : ''}). The shopper types
for ${n.typing_ms} ms; the upstream closes idle connections after ${n.keepalive_ms} ms; sparse signups come further apart
than that, back-to-back ones right after another signup. ${n.runs} signups per participant and pattern.

![critical path](network.svg)

${networkTable(r)}

## Throughput on loopback

Each participant in its own process; one sandbox upstream for all. The proxy ran from ${r.proxy.runs_from}.

![req/s](chart.svg)

| | req/s | p50 ms | p99 ms |
| --- | ---: | ---: | ---: |
| sandbox, called directly | ${r.direct.rps} | ${r.direct.p50_ms} | ${r.direct.p99_ms} |
| node:http forwarder (the floor) | ${r.forwarder.rps} | ${r.forwarder.p50_ms} | ${r.forwarder.p99_ms} |
| Express 5 + JSON parsing + our Omise client (axios), nothing else | ${r.express_floor.rps} | ${r.express_floor.p50_ms} | ${r.express_floor.p99_ms} |
| Express 5 + \`express.json()\` + axios, nothing else | ${r.express_axios.rps} | ${r.express_axios.p50_ms} | ${r.express_axios.p99_ms} |
| **omise-signup proxy** | **${r.proxy.rps}** | **${r.proxy.p50_ms}** | **${r.proxy.p99_ms}** |
| Express route + official \`omise\` client | ${r.sdk_route.rps} | ${r.sdk_route.p50_ms} | ${r.sdk_route.p99_ms} |

| measure | value | target | |
| --- | ---: | ---: | :-: |
| ours ÷ Express + axios | ${r.ratio.vs_express_axios} | ≥ ${TARGETS.vs_express_axios} | ${mark(r.ratio.vs_express_axios >= TARGETS.vs_express_axios)} |
| ours ÷ forwarder | ${r.ratio.vs_forwarder} | | |
| ours ÷ bare Express | ${r.ratio.vs_express_floor} | | |
| ours ÷ SDK route | ${r.ratio.vs_sdk_route} | | |
| proxy CPU per create | ${r.proxy.cpu_us_per_create} µs | | |
| proxy idle RSS | ${r.proxy.idle_rss_mb} MB | | |
| added latency p50 at 200 req/s | ${r.added_latency.p50_ms} ms | ≤ ${TARGETS.added_p50_ms} ms | ${mark(r.added_latency.p50_ms <= TARGETS.added_p50_ms)} |
| added latency p99 at 200 req/s | ${r.added_latency.p99_ms} ms | ≤ ${TARGETS.added_p99_ms} ms | ${mark(r.added_latency.p99_ms <= TARGETS.added_p99_ms)} |
| proxy RSS over ${r.memory.requests} distinct keys (start → half → end) | ${r.memory.rss_before_mb} → ${r.memory.rss_mid_mb} → ${r.memory.rss_after_mb} MB | levels off: second half < 10% | ${mark(r.memory.rss_growth_second_half_mb < r.memory.rss_mid_mb * 0.1)} |
${r.widget.date ? `| widget measured on its own | ${r.widget.date}, load average ${(r.widget.load_average ?? []).map((n) => n.toFixed(1)).join(' / ')} | | |\n` : ''}| widget IIFE gzip / brotli | ${r.widget.iife_gzip_bytes} / ${r.widget.iife_brotli_bytes} B | ≤ ${TARGETS.iife_gzip_bytes} B gzip | ${mark(r.widget.iife_gzip_bytes <= TARGETS.iife_gzip_bytes)} |
| widget ESM gzip / brotli | ${r.widget.esm_gzip_bytes} / ${r.widget.esm_brotli_bytes} B | | |
| card frame script gzip / brotli | ${r.widget.frame_gzip_bytes} / ${r.widget.frame_brotli_bytes} B | ≤ ${TARGETS.frame_gzip_bytes} B gzip | ${mark(r.widget.frame_gzip_bytes <= TARGETS.frame_gzip_bytes)} |
| demo page to interactive form, loopback (median of 20) | ${r.widget.interactive_ms} ms (inline: ${r.widget.inline.interactive_ms} ms) | | |
| widget visible to card fields ready, loopback (median of 20) | ${r.widget.card_fields_ready_ms} ms (inline: ${r.widget.inline.card_fields_ready_ms} ms) | | |
| submit click to rendered customer, loopback (median of 20) | ${r.widget.click_to_customer_ms} ms (inline: ${r.widget.inline.click_to_customer_ms} ms) | ≤ ${TARGETS.click_to_customer_ms} ms | ${mark(r.widget.click_to_customer_ms <= TARGETS.click_to_customer_ms)} |
`;
}

/** Writes latest.json, latest.md, chart.svg and network.svg; returns their paths. */
export function writeReport(results: Results): string[] {
  mkdirSync(dir, { recursive: true });
  const files = {
    'latest.json': `${JSON.stringify(results, null, 2)}\n`,
    'latest.md': markdown(results),
    'chart.svg': chart(results),
    'network.svg': networkChart(results.network, results.date),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(dir + name, text);
  return Object.keys(files).map((name) => `e2e/bench/results/${name}`);
}
