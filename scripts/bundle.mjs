// esbuild settings shared by the build and the test set-up: one small entry chunk, each command
// (and heavy dependency) in a chunk of its own loaded on first use, so start-up stays close to a
// bare `node`; and fast.cjs, which bin/ runs first: it answers --help and --version from texts
// rendered here by the real program, without loading it.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

/**
 * What identifies this build's reading of library files: the library cache (.reserve/cache/) keeps
 * only entries written by the same sources, so an upgrade never reuses another version's readings.
 */
function buildId() {
  const hash = createHash("sha256").update(pkg.version);
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else hash.update(p).update(readFileSync(p));
    }
  };
  walk(fileURLToPath(new URL("../src", import.meta.url)));
  return `${pkg.version}-${hash.digest("hex").slice(0, 16)}`;
}

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  legalComments: "none",
  define: { __RESERVE_VERSION__: JSON.stringify(pkg.version), __RESERVE_BUILD__: JSON.stringify(buildId()) },
  logLevel: "warning",
};

/**
 * The slow path of loading (src/io/load-library.ts, with the YAML library and the schemas) is an
 * entry of its own, dist/slow.js, loaded synchronously when a file must be read afresh; this puts
 * the bundle's loader in place of the one the sources use (src/io/slow-path.ts).
 */
const slowPathPlugin = {
  name: "reserve-slow-path",
  setup(b) {
    b.onResolve({ filter: /\/slow-path-loader\.js$/ }, (args) => ({
      path: join(args.resolveDir, "slow-path-loader.bundle.ts"),
    }));
  },
};

const esm = {
  ...common,
  plugins: [slowPathPlugin],
  splitting: true,
  format: "esm",
  sourcemap: "linked",
  chunkNames: "chunks/[name]-[hash]",
  banner: {
    // Bundled CommonJS dependencies still call require().
    js: "import { createRequire as __reserveCreateRequire } from 'node:module'; const require = __reserveCreateRequire(import.meta.url);",
  },
};

/** Runs the real program for every help and version invocation and returns what it printed. */
async function renderHelp() {
  const dir = mkdtempSync(join(tmpdir(), "reserve-help-"));
  try {
    await build({ ...esm, entryPoints: { help: "src/cli/help-table.ts" }, outdir: dir, sourcemap: false });
    const { renderHelpTable } = await import(pathToFileURL(join(dir, "help.js")).href);
    return await renderHelpTable();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function bundle(outdir, entryPoints = { cli: "src/cli/entry.ts" }) {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    ...esm,
    entryPoints: { ...entryPoints, slow: "src/io/load-library.ts", "audit-worker": "src/cli/audit-worker.ts" },
    outdir,
  });
  // The official division table (docs/register.md) travels with the bundle, read where it lies.
  cpSync(fileURLToPath(new URL("../divisions", import.meta.url)), join(outdir, "divisions"), { recursive: true });
  const table = await renderHelp();
  await build({
    ...common,
    entryPoints: { fast: "src/cli/fast.ts" },
    outdir,
    format: "cjs",
    outExtension: { ".js": ".cjs" },
    define: { ...common.define, __RESERVE_HELP__: JSON.stringify(table) },
  });
}
