// ESLint here has one job: no regular expression in the product may take super-linear time on the
// text it reads (pages, PDFs, sitemaps, data files come from outside). eslint-plugin-regexp proves
// it per pattern (backtracking inside one match attempt, and attempts moved along the input); the
// type-checker and the tests cover the rest, so no style rules are switched on.
import tsParser from "@typescript-eslint/parser";
import regexp from "eslint-plugin-regexp";

export default [
  { ignores: ["**/node_modules/**", "out/**", "**/.turbo/**", "coverage/**"] },
  {
    files: ["**/*.ts", "**/*.tsx", "**/*.js", "**/*.mjs"],
    languageOptions: { parser: tsParser, ecmaVersion: "latest", sourceType: "module" },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    plugins: { regexp },
    rules: {
      "regexp/no-super-linear-backtracking": ["error", { report: "certain" }],
      "regexp/no-super-linear-move": ["error", { report: "certain", ignoreSticky: true, ignorePartial: false }],
      "regexp/no-misleading-capturing-group": "error",
    },
  },
];
