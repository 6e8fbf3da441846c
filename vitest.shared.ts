// Vite and Vitest settings the packages' configs use. Workspace packages export their built
// dist/ to Node and to other packages' tsc builds, and their TypeScript source under the
// `@omise-signup/source` export condition (tsconfig.base.json's `customConditions` says the
// same to tsc): tests run against the source they sit beside, never against a stale build, and
// the widget bundles shared's source.
// Node tests resolve through Vite's SSR environment, browser-like ones (happy-dom) through
// the client one; the other conditions are Vite's defaults for each.
const SOURCE = '@omise-signup/source';

export const workspaceSource = {
  resolve: { conditions: [SOURCE, 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: [SOURCE, 'module', 'node', 'development|production'] } },
};
