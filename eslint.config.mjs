import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    plugins: { drizzle },
    rules: {
      // An update or delete without a where clause touches every row.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  {
    // Pages fetch, components render: a component gets its data as props from the page,
    // which loads it through lib/ (scoped to the caller). Only lib/ and db/ talk to the database.
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          // @/db/client, @/db/schema and anything else under db/, also by a relative path.
          patterns: [
            {
              group: ["@/db/**", "**/db/**"],
              message: "Components render, pages fetch: load the data in the page through a lib/ function and pass it to the component as props.",
            },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportExpression[source.value=/\\/db\\//]",
          message: "Components render, pages fetch: load the data in the page through a lib/ function and pass it to the component as props.",
        },
      ],
    },
  },
  {
    // Tests poke into untyped JSON documents (OSCAL, problem bodies) on purpose.
    files: ["**/*.test.ts", "e2e/**/*.ts", "test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Playwright fixtures call `use`, which is not React's hook.
    files: ["e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  globalIgnores([
    ".next/**",
    ".next-*/**",
    "node_modules/**",
    ".data/**",
    ".data-*/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
    "db/migrations/**",
  ]),
]);
