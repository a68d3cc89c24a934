import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// Dependency zones from ARCHITECTURE.md. ESLint does not merge the options of one rule across
// config blocks, so each zone below lists every restriction that applies to it.
// Imports go through the `@/` alias; `(../)+<folder>/` catches relative paths that climb out.
const fromRoot = (folder) => `^(@/|(\\.\\./)+)${folder}`;

const NO_APP_OR_E2E = [
  {
    regex: `${fromRoot("(app|e2e)")}(/|$)`,
    message: "Nothing imports from app/ or e2e/: move shared code to server/ or components/.",
  },
];

const NO_DEV = [
  {
    regex: `${fromRoot("dev")}(/|$)`,
    message: "Product code never imports dev/ (local stand-ins for hosted services).",
  },
];

const PRODUCT = [...NO_APP_OR_E2E, ...NO_DEV];

const zones = [
  {
    name: "components",
    files: ["components/**"],
    patterns: [
      ...PRODUCT,
      {
        // Pure modules shared with forms and role checks in the UI.
        regex: `${fromRoot("server")}/(?!services/[^/]+/schema$|auth/permissions$|api/|generated/prisma/enums$)`,
        message: "Components reach the server through tRPC hooks; only services/*/schema and auth/permissions are shared.",
      },
      {
        regex: `${fromRoot("server")}/(api/|generated/prisma/enums$)`,
        allowTypeImports: true,
        message: "Components may only `import type` from the router and the generated enums.",
      },
    ],
  },
  {
    name: "emails",
    files: ["emails/**"],
    patterns: [
      ...PRODUCT,
      { regex: `${fromRoot("server")}(/|$)`, message: "Email templates are pure components: no server imports." },
    ],
  },
  {
    name: "inngest-functions",
    files: ["inngest/functions/**"],
    patterns: [
      ...PRODUCT,
      {
        regex: `${fromRoot("server")}/(db|connectors)(/|$)`,
        message: "Inngest functions call server/services, never the database or connectors directly.",
      },
    ],
  },
  {
    name: "connectors",
    files: ["server/connectors/**"],
    patterns: [
      ...PRODUCT,
      {
        regex: `${fromRoot("(server/(db|services)|inngest)")}(/|$)`,
        message: "Connectors import nothing app-specific: no db, services or inngest.",
      },
    ],
  },
  {
    name: "product",
    files: ["app/**", "server/**", "inngest/**"],
    ignores: ["server/connectors/**", "inngest/functions/**"],
    patterns: PRODUCT,
  },
  {
    name: "tooling",
    files: ["dev/**", "prisma/**", "*.{ts,mts,mjs}"],
    patterns: NO_APP_OR_E2E,
  },
];

const zoneConfigs = zones.map(({ name, files, ignores, patterns }) => ({
  name: `meridian/zones/${name}`,
  files,
  ...(ignores ? { ignores } : {}),
  rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns }] },
}));

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    name: "meridian/base",
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  ...zoneConfigs,
  {
    // Tests sit next to the code but are not product code: they may wire in dev/ sandboxes
    // and seed the database around a connector or function.
    name: "meridian/tests",
    files: ["**/*.test.{ts,tsx}"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: NO_APP_OR_E2E }] },
  },
  globalIgnores([
    ".next/**",
    ".data/**",
    "node_modules/**",
    "server/generated/**",
    "coverage/**",
    "playwright-report/**",
    "test-results/**",
    "next-env.d.ts",
  ]),
]);
