// ESLint flat config: the SPA (TypeScript + React) and the Node scripts around it.
// `npm run lint` fails on any warning, so every rule here is one we keep clean.
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y-x";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig([
  // Generated from openapi.yaml (make gen) or built: not ours to lint.
  globalIgnores(["dist/", "coverage/", "test-results/", "src/lib/api/*.gen.d.ts"]),

  js.configs.recommended,

  {
    name: "spa",
    files: ["src/**/*.{ts,tsx}", "vite.config.ts"],
    extends: [
      tseslint.configs.recommendedTypeChecked,
      reactHooks.configs.flat.recommended,
      jsxA11y.configs.recommended,
    ],
    languageOptions: {
      globals: globals.browser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `_`-prefixed names are deliberately unused (tsc's noUnused* agree).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },

  {
    name: "spa-tests",
    files: ["src/**/*.test.{ts,tsx}", "src/test/**"],
    rules: {
      // Stand-ins for fetch and other async APIs are async without awaiting anything.
      "@typescript-eslint/require-await": "off",
    },
  },

  {
    name: "node-scripts",
    files: ["*.js"],
    languageOptions: { globals: globals.node },
  },

  {
    name: "e2e",
    files: ["e2e/**/*.mjs"],
    // Node scripts whose page.evaluate(() => …) callbacks run in the browser.
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
]);
