#!/usr/bin/env node
// Measures every built bundle gzipped and brotli-compressed, writes dist/size.json, and fails
// the build when a bundle is over its budget ("sizeBudget" in package.json, bytes).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const { sizeBudget } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const sizes = {};
const over = [];
for (const [file, budget] of Object.entries(sizeBudget)) {
  const bytes = readFileSync(join(dist, file));
  const size = {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    budget,
  };
  sizes[file] = size;
  for (const [kind, limit] of Object.entries(budget)) {
    if (size[kind] > limit) over.push(`${file}: ${size[kind]} B ${kind}, budget ${limit} B`);
  }
  const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
  console.log(`${file.padEnd(18)} ${kb(size.raw)} raw, ${kb(size.gzip)} gzip, ${kb(size.brotli)} brotli`);
}
writeFileSync(join(dist, 'size.json'), `${JSON.stringify(sizes, null, 2)}\n`);

if (over.length) {
  console.error(`\nOver the size budget:\n  ${over.join('\n  ')}`);
  process.exit(1);
}
