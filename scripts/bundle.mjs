// esbuild settings shared by the build and the test set-up: one small entry chunk, each command
// (and heavy dependency) in a chunk of its own loaded on first use, so start-up stays close to a
// bare `node`.
import { build } from "esbuild";
import { readFileSync, rmSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

export async function bundle(outdir, entryPoints = { cli: "src/cli/entry.ts" }) {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    sourcemap: "linked",
    legalComments: "none",
    chunkNames: "chunks/[name]-[hash]",
    define: { __RESERVE_VERSION__: JSON.stringify(pkg.version) },
    banner: {
      // Bundled CommonJS dependencies still call require().
      js: "import { createRequire as __reserveCreateRequire } from 'node:module'; const require = __reserveCreateRequire(import.meta.url);",
    },
    logLevel: "warning",
  });
}
