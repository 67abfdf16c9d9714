// The build (issue 21; types are npm run typecheck's): the CLI bundled by esbuild into one
// CommonJS file, dist/bundle/runbook.cjs, with the packages every run needs inside it (yaml,
// chalk, p-limit, ssh2 and theirs); dist/cli.js is src/cli.ts bundled on its own, the launcher
// that compiles the bundle through a V8 code cache (src/cli/code-cache.ts). One file and a cache
// instead of ~330 modules parsed and compiled at every start: a one-task SSH run 380 → 280 ms
// (median of 11). dist/bundle/ is two levels below the checkout like src/cli/, so the paths the
// code builds from import.meta.url (package.json, lab/fakestack, the shipped roles) hold in both.
import { build, type Plugin } from 'esbuild';
import { chmodSync, copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const OUT = 'dist/bundle';
const BUNDLE = `${OUT}/runbook.cjs`;

/** Packages loaded only by some commands (the databases, the HTML report) stay in node_modules. */
const LOADED_ON_USE = ['mysql2', 'pg', 'handlebars', 'playwright-core'];

/**
 * A native addon (ssh2's sshcrypto.node) cannot be bundled: it is required by
 * its path inside its package, which node_modules resolves from dist/bundle/. Left relative, the
 * require would fail and ssh2 would quietly fall back to its JavaScript ciphers.
 */
const nativeByPackagePath: Plugin = {
  name: 'native-by-package-path',
  setup(b) {
    b.onResolve({ filter: /\.node$/ }, (args) => {
      const path = resolve(args.resolveDir, args.path);
      const at = path.lastIndexOf('/node_modules/');
      if (at < 0) return { errors: [{ text: `a native addon outside node_modules: ${path}` }] };
      return { path: path.slice(at + '/node_modules/'.length), external: true };
    });
  },
};

/** cpu-features answered from /proc/cpuinfo instead of its native addon (scripts/cpu-features.cjs). */
const cpuFeaturesFromProc: Plugin = {
  name: 'cpu-features-from-proc',
  setup(b) {
    b.onResolve({ filter: /^cpu-features$/ }, () => ({ path: resolve('scripts/cpu-features.cjs') }));
  },
};

/**
 * ssh2 compiles its WebAssembly Poly1305 (crypto/poly1305.js) as it loads, and a connection waits
 * for that (`cryptoInit` in client.js) — ~3–6 ms of every run that connects. Only its JavaScript
 * chacha20-poly1305, used when the native addon is missing, needs it: with the addon the promise
 * is settled at once, and poly1305.js (a lazy module in the bundle) is never run. The text is
 * checked: an ssh2 that moved it fails the build instead of keeping the cost unseen.
 */
const POLY1305_INIT = 'init: (() => {';
const poly1305OnlyWithoutAddon: Plugin = {
  name: 'poly1305-only-without-addon',
  setup(b) {
    b.onLoad({ filter: /[\\/]ssh2[\\/]lib[\\/]protocol[\\/]crypto\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (text.split(POLY1305_INIT).length !== 2)
        return { errors: [{ text: `ssh2's crypto.js no longer has one "${POLY1305_INIT}"` }] };
      return {
        contents: text.replace(POLY1305_INIT, `init: ChaChaPolyCipher ? Promise.resolve() : (() => {`),
        loader: 'js',
      };
    });
  },
};

/**
 * chalk finds out at load whether stdout and stderr are terminals (its vendored supports-color:
 * node:tty, ~2 ms of every run) for its default instance. runbook never uses that instance: its
 * Chalk gets a level from output/color.ts, which reads the terminal and Ansible's variables itself.
 */
const chalkWithoutDetection: Plugin = {
  name: 'chalk-without-detection',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: 'supports-color', namespace: 'no-detection' }));
    b.onLoad({ filter: /.*/, namespace: 'no-detection' }, () => ({
      contents: 'export default { stdout: false, stderr: false };',
      loader: 'js',
    }));
  },
};

// dist/ holds only what this script makes: the bundle, its launcher and dist/package.json
rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/cli/run.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: LOADED_ON_USE,
  plugins: [nativeByPackagePath, cpuFeaturesFromProc, poly1305OnlyWithoutAddon, chalkWithoutDetection],
  // import.meta.url of every module is the bundle's own URL (CommonJS has no import.meta)
  define: { 'import.meta.url': 'import_meta_url' },
  banner: { js: 'const import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
  // smaller to read and to compile on a run without a cache; no stack trace reaches a user
  minify: true,
  // the launcher reads the bundle as latin1 (no UTF-8 decoding): it must be ASCII
  charset: 'ascii',
  sourcemap: true,
  // class and function names stay as written: the template engine reports Python type names
  // from them (an Undefined renamed _Undefined changed a filter's error and how a loop over an
  // undefined variable under a false `when` is skipped)
  keepNames: true,
  outfile: BUNDLE,
  logLevel: 'warning',
});
const text = readFileSync(BUNDLE, 'latin1');
const wide = /[\u0080-\uffff]/.exec(text);
if (wide) throw new Error(`${BUNDLE} has a non-ASCII character at offset ${wide.index}: escape it in the source`);

// The launcher is CommonJS too: dist/package.json makes dist/*.js CommonJS files, so `node
// dist/cli.js` starts without Node's ESM loader (src/cli.ts says what that saves)
writeFileSync('dist/package.json', `${JSON.stringify({ type: 'commonjs' })}\n`);
await build({
  entryPoints: ['src/cli.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  define: { 'import.meta.url': 'import_meta_url' },
  banner: { js: 'const import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
  outfile: 'dist/cli.js',
  logLevel: 'warning',
});
chmodSync('dist/cli.js', 0o755);
// what package.json's bin names: a shell launcher of dist/cli.js (src/cli/runbook.sh says why)
copyFileSync('src/cli/runbook.sh', 'dist/runbook');
chmodSync('dist/runbook', 0o755);
