import { fileURLToPath } from "node:url";

declare const __RESERVE_BUILD__: string | undefined;

/**
 * A file of the bundle (scripts/bundle.mjs) beside dist/cli.js, from code that sits in dist/ or in
 * dist/chunks/ (`here` is its import.meta.url); undefined when running from the sources.
 */
export function distFile(name: string, here: string): string | undefined {
  if (typeof __RESERVE_BUILD__ !== "string") return undefined;
  return fileURLToPath(new URL(here.includes("/chunks/") ? `../${name}` : `./${name}`, here));
}
