// The README's integration snippets, by name. A snippet is the fenced block right after a
// `<!-- snippet: NAME -->` line; the install test runs or type-checks each one as it stands,
// so what a merchant copies is what was tested.
import { readFileSync } from 'node:fs';

const SNIPPET = /^<!-- snippet: ([\w.-]+) -->\n```[\w-]*\n([\s\S]*?)^```$/gm;

/**
 * Every snippet in a markdown text, by name; a name used twice is an error.
 * @param {string} markdown
 * @returns {Map<string, string>}
 */
export function parseSnippets(markdown) {
  /** @type {Map<string, string>} */
  const found = new Map();
  for (const [, name, code] of markdown.matchAll(SNIPPET)) {
    if (found.has(String(name))) throw new Error(`two snippets are named ${name}`);
    found.set(String(name), String(code));
  }
  return found;
}

/** @param {string} file */
export function readSnippets(file) {
  return parseSnippets(readFileSync(file, 'utf8'));
}
