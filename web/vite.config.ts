/// <reference types="vitest/config" />
import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { workspaceSource } from '../vitest.shared.ts';
import { ja } from './src/i18n/ja.ts';
import { th } from './src/i18n/th.ts';

// Five builds share this file, picked by `--mode`: the script-tag IIFE (Preact inside),
// the ESM package (Preact external, so a Preact app shares its copy), the locales' strings
// for test kits, the card frame's script (an IIFE with its own Preact, served by the server's
// createCardFrame), and the demo page.
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const apiTarget = process.env.API_TARGET ?? 'http://127.0.0.1:3000';

/**
 * The demo references the bundle as `/omise-signup.js`, the way a merchant would. In dev that
 * path serves the source entry; in a build the bundle is copied beside the page, so serving
 * `dist/demo/` as a static root is enough.
 */
function demoBundle(): Plugin {
  return {
    name: 'omise-signup-demo-bundle',
    transformIndexHtml: {
      order: 'pre',
      handler(html, ctx) {
        if (!ctx.server) return html;
        return html.replace(
          '<script src="/omise-signup.js" defer></script>',
          `<script type="module" src="/@fs${here('src/iife.ts')}"></script>`,
        );
      },
    },
    writeBundle() {
      for (const file of readdirSync(here('dist')).filter((name) => /^omise-signup(\.\w+)?\.js$/.test(name))) {
        copyFileSync(here(`dist/${file}`), here(`dist/demo/${file}`));
      }
    },
  };
}

/**
 * The script-tag build ships English only; this writes omise-signup.th.js and .ja.js beside it
 * (each registers itself in `window.OmiseSignupLocales`) and gives the bundle their SRI hashes.
 */
function localeFiles(): Plugin {
  const files = Object.entries({ th, ja }).map(([locale, messages]) => {
    const source = `(self.OmiseSignupLocales=self.OmiseSignupLocales||{}).${locale}=${JSON.stringify(messages)};\n`;
    const integrity = `sha384-${createHash('sha384').update(source).digest('base64')}`;
    return { locale, source, integrity };
  });
  const id = 'virtual:omise-signup/locale-integrity';
  return {
    name: 'omise-signup-locale-files',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load: (source) =>
      source === `\0${id}`
        ? `export default ${JSON.stringify(Object.fromEntries(files.map((f) => [f.locale, f.integrity])))};`
        : null,
    generateBundle() {
      for (const { locale, source } of files) {
        this.emitFile({ type: 'asset', fileName: `omise-signup.${locale}.js`, source });
      }
    },
  };
}

/** Every locale's strings as one module, `@omise-signup/web/messages`, for test kits. */
const messagesBuild: UserConfig = {
  resolve: workspaceSource.resolve,
  build: {
    target: 'es2022',
    emptyOutDir: false,
    copyPublicDir: false,
    lib: { entry: here('src/i18n/all.ts'), formats: ['es'], fileName: () => 'esm/messages.js' },
  },
};

const library = (mode: 'iife' | 'esm'): UserConfig => ({
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false }), ...(mode === 'iife' ? [localeFiles()] : [])],
  resolve: {
    // shared's source, bundled in (see vitest.shared.ts): no build order, and the bundle as before.
    ...workspaceSource.resolve,
    ...(mode === 'iife' ? { alias: [{ find: /^\.\/load\.ts$/, replacement: here('src/i18n/load-script.ts') }] } : {}),
  },
  build: {
    target: 'es2022',
    emptyOutDir: mode === 'iife',
    copyPublicDir: false,
    lib:
      mode === 'iife'
        ? { entry: here('src/iife.ts'), formats: ['iife'], name: 'OmiseSignup', fileName: () => 'omise-signup.js' }
        : { entry: here('src/index.ts'), formats: ['es'], fileName: () => 'esm/index.js' },
    rollupOptions:
      mode === 'esm' ? { external: [/^preact(\/|$)/], output: { chunkFileNames: 'esm/[name]-[hash].js' } } : {},
  },
});

/** dist/card-frame/card-frame.js: the script of the card frame page, on the card entry's critical path. */
const cardFrame: UserConfig = {
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false })],
  resolve: workspaceSource.resolve,
  build: {
    target: 'es2022',
    emptyOutDir: false,
    copyPublicDir: false,
    lib: {
      entry: here('src/frame/main.tsx'),
      formats: ['iife'],
      name: 'OmiseCardFrame',
      fileName: () => 'card-frame/card-frame.js',
    },
  },
};

export default defineConfig(({ mode }) => {
  if (mode === 'iife' || mode === 'esm') return library(mode);
  if (mode === 'messages') return messagesBuild;
  if (mode === 'frame') return cardFrame;
  return {
    root: here('demo'),
    base: './',
    plugins: [
      preact({ devToolsEnabled: false, prefreshEnabled: false }),
      ...(mode === 'test' ? [localeFiles()] : [demoBundle()]),
    ],
    resolve: workspaceSource.resolve,
    build: { outDir: here('dist/demo'), emptyOutDir: true, target: 'es2022' },
    server: { host: '127.0.0.1', proxy: { '/api': apiTarget } },
    preview: { host: '127.0.0.1', proxy: { '/api': apiTarget } },
    test: {
      root: here('.'),
      environment: 'happy-dom',
      // Script tags "load" without fetching anything, so Omise.js is the fake a test installs.
      environmentOptions: {
        happyDOM: { settings: { disableJavaScriptFileLoading: true, handleDisabledFileLoadingAsSuccess: true } },
      },
      include: ['src/**/*.test.{ts,tsx}'],
      restoreMocks: true,
      unstubGlobals: true,
    },
  };
});
