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

// The job runner's SDK and the functions it serves stay under inngest/; services reach it through
// the port in server/services/jobs/job-runner.ts, which inngest/job-runner.ts implements.
const NO_INNGEST = [
  {
    regex: `^(inngest|@inngest/[^/]+)(/|$)|${fromRoot("inngest")}(/|$)`,
    message: "Only inngest/ imports the Inngest SDK and its functions: services send through server/services/jobs/job-runner.ts.",
  },
];

// A connector is reached through its contract: its folder's index, the registry, the provider
// list and _core/. Its other files are its own business.
const CONNECTOR_INTERNALS_MESSAGE =
  "Import a connector through its index (@/server/connectors/<provider>), the registry, providers or _core/, never its internals.";
const NO_CONNECTOR_INTERNALS = [
  { regex: `${fromRoot("server")}/connectors/(?!_core/)[^/]+/.`, message: CONNECTOR_INTERNALS_MESSAGE },
  // Relative paths from elsewhere in server/ (`../../connectors/<provider>/...`).
  { regex: "^(\\.\\.?/)+connectors/(?!_core/)[^/]+/.", message: CONNECTOR_INTERNALS_MESSAGE },
];

const zones = [
  {
    name: "components",
    files: ["components/**"],
    patterns: [
      ...PRODUCT,
      ...NO_INNGEST,
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
      ...NO_INNGEST,
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
      ...NO_INNGEST,
      {
        regex: `${fromRoot("(server/(db|services)|inngest)")}(/|$)`,
        message: "Connectors import nothing app-specific: no db, services or inngest.",
      },
    ],
  },
  {
    name: "app",
    files: ["app/**"],
    // Serves the functions: the one file outside inngest/ that hands them to the SDK.
    ignores: ["app/api/inngest/route.ts"],
    patterns: [
      ...PRODUCT,
      ...NO_INNGEST,
      {
        regex: `${fromRoot("server")}/(connectors|ingest)(/|$)`,
        message: "Routes and pages call server/services (or tRPC), never connectors or ingest directly.",
      },
    ],
  },
  {
    name: "server",
    files: ["server/**"],
    ignores: ["server/connectors/**"],
    patterns: [...PRODUCT, ...NO_INNGEST, ...NO_CONNECTOR_INTERNALS],
  },
  {
    name: "inngest",
    files: ["inngest/**", "app/api/inngest/route.ts"],
    ignores: ["inngest/functions/**"],
    patterns: [...PRODUCT, ...NO_CONNECTOR_INTERNALS],
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
    // Tests sit next to the code but are not product code: they may wire in dev/ sandboxes, seed
    // the database around a connector or function, reach a connector's internals and drive the
    // job runner's SDK.
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
