#!/usr/bin/env node
// Writes dist/sri.json: the sha384 Subresource Integrity hash of every script a page can load
// (the bundle, its locale files, the ESM entry and chunks), so a merchant can pin
// <script src=".../omise-signup.js" integrity="sha384-…" crossorigin="anonymous">.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const files = [
  ...readdirSync(dist).filter((name) => name.endsWith('.js')),
  ...readdirSync(join(dist, 'esm'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => `esm/${name}`),
].sort();

const manifest = {};
for (const file of files) {
  manifest[file] = `sha384-${createHash('sha384')
    .update(readFileSync(join(dist, file)))
    .digest('base64')}`;
}
writeFileSync(join(dist, 'sri.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`sri.json: ${files.join(', ')}`);
