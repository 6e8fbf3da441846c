// Finishes the .d.ts files tsc wrote into a package's dist/. Dependency-free: it runs in every
// package's build.
//
// 1. tsc's `rewriteRelativeImportExtensions` rewrites `./x.ts` to `./x.js` in JavaScript only;
//    declarations keep `./x.ts` (microsoft/TypeScript#61037). TypeScript 5+ resolves those, but
//    TypeScript 4.x and some editors do not, so they are rewritten the same way here.
// 2. `inline` copies the declarations of a module from another workspace package into dist/
//    and points the imports at the copy, so a package that bundles that module's code (the
//    widget bundles shared's error codes) ships types that need nothing it does not depend on.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix, relative, sep } from 'node:path';

/** Every `.d.ts` under `dir`. */
function declarationFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

// A module specifier in `from '…'`, `import '…'` or `import('…')`.
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(?\s*)(['"])([^'"]+)\2/g;

function rewrite(file, change) {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(SPECIFIER, (whole, lead, quote, specifier) => {
    const replaced = change(specifier);
    return replaced === specifier ? whole : `${lead}${quote}${replaced}${quote}`;
  });
  if (next !== text) writeFileSync(file, next);
}

/** `./x.ts` → `./x.js`, `./x.tsx` → `./x.js` in every declaration file under `dir`. */
export function rewriteTsSpecifiers(dir) {
  for (const file of declarationFiles(dir)) {
    rewrite(file, (specifier) => (specifier.startsWith('.') ? specifier.replace(/\.tsx?$/, '.js') : specifier));
  }
}

/** The `types` file a package subpath export points at, resolved from `fromDir`. */
function typesFileOf(specifier, fromDir) {
  const [scope, name, ...rest] = specifier.split('/');
  const packageName = `${scope}/${name}`;
  const manifestPath = createRequire(join(fromDir, 'package.json')).resolve(`${packageName}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const entry = manifest.exports?.[rest.length ? `./${rest.join('/')}` : '.'];
  const types = typeof entry === 'object' ? entry.types : undefined;
  if (!types) throw new Error(`${specifier}: its package.json exports no "types" for it`);
  return join(dirname(manifestPath), types);
}

/**
 * Copies the declarations of `specifier` (a subpath of another package, e.g.
 * `@omise-signup/shared/errors`) to `dir/<specifier without scope>.d.ts` and points every
 * import of it under `dir` at the copy. The copied file must import nothing itself.
 */
export function inlineDeclarations(dir, specifier, fromDir) {
  const source = typesFileOf(specifier, fromDir);
  const text = readFileSync(source, 'utf8');
  if ([...text.matchAll(SPECIFIER)].length > 0) {
    throw new Error(`${source} imports other modules; inline only self-contained declarations`);
  }
  const target = join(dir, `${specifier.replace(/^@[^/]+\//, '')}.d.ts`);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(source, target);
  const asJs = target.replace(/\.d\.ts$/, '.js');
  for (const file of declarationFiles(dir)) {
    rewrite(file, (found) => {
      if (found !== specifier) return found;
      const path = relative(dirname(file), asJs).split(sep).join(posix.sep);
      return path.startsWith('.') ? path : `./${path}`;
    });
  }
}

// CLI: node declarations.mjs <dir> [--inline <specifier>]…
if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, ...rest] = process.argv.slice(2);
  if (!dir) throw new Error('usage: node declarations.mjs <dir> [--inline <specifier>]…');
  rewriteTsSpecifiers(dir);
  for (let i = 0; i < rest.length; i += 2) {
    if (rest[i] !== '--inline' || !rest[i + 1]) throw new Error(`unexpected argument: ${rest[i]}`);
    inlineDeclarations(dir, rest[i + 1], process.cwd());
  }
}
