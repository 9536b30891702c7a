import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

/** Imports flow one way: domain ← diagnostics ← schema, rules, reports ← io ← commands ← cli. */
const fence = (files, patterns, message) => ({
  files,
  rules: {
    "no-restricted-imports": ["error", { patterns: [{ group: patterns, message }] }],
  },
});

const NODE_IO = [
  "node:fs",
  "node:fs/*",
  "node:child_process",
  "fs",
  "fs/*",
  "yaml",
  "csv-parse",
  "csv-parse/*",
  "csv-stringify",
  "csv-stringify/*",
  "exceljs",
];
const CLI_ONLY = ["commander", "chalk", "**/cli/**"];

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "test-output/", "schemas/", "data/", "reports/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        projectService: { allowDefaultProject: ["*.js", "scripts/*.mjs"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", ignoreRestSiblings: true }],
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      "no-console": "error",
    },
  },
  fence(
    ["src/domain/**"],
    ["../*", ...NODE_IO, ...CLI_ONLY, "zod"],
    "domain/ is pure and imports nothing outside itself",
  ),
  fence(
    ["src/diagnostics/**"],
    ["**/io/**", "**/schema/**", "**/rules/**", "**/reports/**", "**/commands/**", ...NODE_IO, ...CLI_ONLY],
    "diagnostics/ depends only on domain/",
  ),
  fence(
    ["src/schema/**", "src/rules/**", "src/reports/**"],
    ["**/io/**", "**/commands/**", ...NODE_IO, ...CLI_ONLY],
    "pure layers: no file I/O, no CLI",
  ),
  fence(["src/io/**"], ["**/commands/**", ...CLI_ONLY], "io/ must not depend on commands or the CLI"),
  fence(["src/commands/**"], CLI_ONLY, "commands/ return results; only cli/ prints"),
  {
    files: ["tests/**", "scripts/**"],
    rules: { "no-console": "off", "@typescript-eslint/no-non-null-assertion": "off" },
  },
  { files: ["**/*.js", "**/*.mjs"], ...tseslint.configs.disableTypeChecked },
);
