import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Resolves packages as miniprogram-simulate itself does, so the client gets its versions. */
const fromSimulate = createRequire(createRequire(__filename).resolve('miniprogram-simulate'));

/**
 * The browser side of the preview (client/) with miniprogram-simulate, j-component and exparser —
 * the framework the page tests use — bundled for the browser. Node built-ins they touch are
 * replaced: `fs` is never read in simulate's browser mode, `path` gets a posix shim, csso
 * (minifying) and less (unused) are left out.
 */
export async function buildRuntime(): Promise<string> {
  const stubs: Record<string, string> = {
    fs: 'module.exports = {}',
    less: 'module.exports = {}',
    csso: 'module.exports = { minify: (css) => ({ css }) }',
  };
  const result = await build({
    entryPoints: [join(__dirname, 'client', 'main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    define: { global: 'window' },
    alias: { path: join(__dirname, 'client', 'path.ts') },
    logLevel: 'silent',
    plugins: [
      {
        name: 'node-stubs',
        setup(b) {
          b.onResolve({ filter: /^(fs|less|csso)$/ }, (args) => ({ path: args.path, namespace: 'stub' }));
          b.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({ contents: stubs[args.path], loader: 'js' }));
          // The client rewrites styles with the same postcss that simulate's own style pipeline uses.
          b.onResolve({ filter: /^postcss$/ }, () => ({ path: fromSimulate.resolve('postcss') }));
        },
      },
    ],
  });
  return result.outputFiles[0].text;
}
