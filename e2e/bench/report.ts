import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('./results/', import.meta.url));

interface Results {
  date: string;
  machine: { cores: number; cpu: string; node: string };
  proxy: { rps: number; p50_ms: number; p99_ms: number };
  direct: { rps: number; p50_ms: number; p99_ms: number };
  forwarder: { rps: number; p50_ms: number; p99_ms: number };
  sdk_route: { rps: number; p50_ms: number; p99_ms: number };
  express_floor: { rps: number; p50_ms: number; p99_ms: number };
  ratio: { vs_forwarder: number; vs_sdk_route: number; vs_express_floor: number };
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

const TARGETS = {
  vs_forwarder: 0.6,
  vs_sdk_route: 1.5,
  added_p50_ms: 1,
  added_p99_ms: 5,
  iife_gzip_bytes: 21 * 1024,
  frame_gzip_bytes: 12.5 * 1024,
  click_to_customer_ms: 150,
};

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A bar chart of req/s, as an SVG the README can show without any chart library. */
function chart(results: Results): string {
  const bars = [
    ['Sandbox, called directly', results.direct.rps, '#9aa5b1'],
    ['node:http forwarder (floor)', results.forwarder.rps, '#9aa5b1'],
    ['Express 5 + JSON + our transport', results.express_floor.rps, '#9aa5b1'],
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

const mark = (ok: boolean) => (ok ? '✅' : '❌');

function markdown(r: Results): string {
  return `# Benchmark results

${r.date}, ${r.machine.cores} cores (${r.machine.cpu}), Node ${r.machine.node}; run took ${r.wall_seconds} s.
Everything on loopback; each participant in its own process; one sandbox upstream for all.

![req/s](chart.svg)

| | req/s | p50 ms | p99 ms |
| --- | ---: | ---: | ---: |
| sandbox, called directly | ${r.direct.rps} | ${r.direct.p50_ms} | ${r.direct.p99_ms} |
| node:http forwarder (the floor) | ${r.forwarder.rps} | ${r.forwarder.p50_ms} | ${r.forwarder.p99_ms} |
| Express 5 + JSON parsing + our Omise client (axios), nothing else | ${r.express_floor.rps} | ${r.express_floor.p50_ms} | ${r.express_floor.p99_ms} |
| **omise-signup proxy** | **${r.proxy.rps}** | **${r.proxy.p50_ms}** | **${r.proxy.p99_ms}** |
| Express route + official \`omise\` client | ${r.sdk_route.rps} | ${r.sdk_route.p50_ms} | ${r.sdk_route.p99_ms} |

| measure | value | target | |
| --- | ---: | ---: | :-: |
| ours ÷ forwarder | ${r.ratio.vs_forwarder} | ≥ ${TARGETS.vs_forwarder} | ${mark(r.ratio.vs_forwarder >= TARGETS.vs_forwarder)} |
| ours ÷ bare Express | ${r.ratio.vs_express_floor} | | |
| ours ÷ SDK route | ${r.ratio.vs_sdk_route} | ≥ ${TARGETS.vs_sdk_route} | ${mark(r.ratio.vs_sdk_route >= TARGETS.vs_sdk_route)} |
| added latency p50 at 200 req/s | ${r.added_latency.p50_ms} ms | ≤ ${TARGETS.added_p50_ms} ms | ${mark(r.added_latency.p50_ms <= TARGETS.added_p50_ms)} |
| added latency p99 at 200 req/s | ${r.added_latency.p99_ms} ms | ≤ ${TARGETS.added_p99_ms} ms | ${mark(r.added_latency.p99_ms <= TARGETS.added_p99_ms)} |
| proxy RSS over ${r.memory.requests} distinct keys (start → half → end) | ${r.memory.rss_before_mb} → ${r.memory.rss_mid_mb} → ${r.memory.rss_after_mb} MB | levels off: second half < 10% | ${mark(r.memory.rss_growth_second_half_mb < r.memory.rss_mid_mb * 0.1)} |
${r.widget.date ? `| widget measured on its own | ${r.widget.date}, load average ${(r.widget.load_average ?? []).map((n) => n.toFixed(1)).join(' / ')} | | |\n` : ''}| widget IIFE gzip / brotli | ${r.widget.iife_gzip_bytes} / ${r.widget.iife_brotli_bytes} B | ≤ ${TARGETS.iife_gzip_bytes} B gzip | ${mark(r.widget.iife_gzip_bytes <= TARGETS.iife_gzip_bytes)} |
| widget ESM gzip / brotli | ${r.widget.esm_gzip_bytes} / ${r.widget.esm_brotli_bytes} B | | |
| card frame script gzip / brotli | ${r.widget.frame_gzip_bytes} / ${r.widget.frame_brotli_bytes} B | ≤ ${TARGETS.frame_gzip_bytes} B gzip | ${mark(r.widget.frame_gzip_bytes <= TARGETS.frame_gzip_bytes)} |
| demo page to interactive form (median of 20) | ${r.widget.interactive_ms} ms (inline: ${r.widget.inline.interactive_ms} ms) | | |
| widget visible to card fields ready (median of 20) | ${r.widget.card_fields_ready_ms} ms (inline: ${r.widget.inline.card_fields_ready_ms} ms) | | |
| submit click to rendered customer (median of 20) | ${r.widget.click_to_customer_ms} ms (inline: ${r.widget.inline.click_to_customer_ms} ms) | ≤ ${TARGETS.click_to_customer_ms} ms | ${mark(r.widget.click_to_customer_ms <= TARGETS.click_to_customer_ms)} |
`;
}

/** Writes latest.json, latest.md and chart.svg; returns their paths. */
export function writeReport(results: Results): string[] {
  mkdirSync(dir, { recursive: true });
  const files = {
    'latest.json': `${JSON.stringify(results, null, 2)}\n`,
    'latest.md': markdown(results),
    'chart.svg': chart(results),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(dir + name, text);
  return Object.keys(files).map((name) => `e2e/bench/results/${name}`);
}
