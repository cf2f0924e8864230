import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const electronBan = {
  paths: [
    {
      name: 'electron',
      message: 'The studio core runs without Electron: only src/main/electron may import it.',
    },
  ],
  patterns: [{ group: ['electron/*'], message: 'Only src/main/electron may import Electron.' }],
};

/** The areas of the studio core: each may import another only through that area's index.ts (its port). */
const areas = ['shelf', 'orders', 'overlays', 'obs', 'showday', 'event'];

/** Test support (fakes, harnesses, fixtures, oracles) lives in test-support/; product code never loads it. */
const testSupportBan = {
  regex: '(^|/)test-support(/|$)',
  message:
    'Product code must not import test-support/: move what the product needs into src (demo/ for demo mode).',
};

const areaBan = (area) => ({
  regex: `^(\\.\\./)+(${areas.filter((a) => a !== area).join('|')})/(?!index$)`,
  message: `An area imports another area only through its index.ts (its port), e.g. '../shelf', never its files.`,
});

/** The renderer runs in a browser and never loads Electron. */
const rendererBan = {
  ...electronBan,
  patterns: [
    ...electronBan.patterns,
    { group: ['node:*'], message: 'The renderer runs in a browser.' },
    testSupportBan,
  ],
};

/**
 * A page imports shared pieces from components/, data/ or lib/, never from another page's folder:
 * from src/renderer/src/pages/<page>/, `../<other>/…` is another page (`../../…` leaves pages/).
 */
export const pageBan = {
  ...rendererBan,
  patterns: [
    ...rendererBan.patterns,
    {
      regex: '^\\.\\./(?!\\.\\.?/)[^/]+',
      message: "Another page's folder: move what both pages use to components/, data/ or lib/.",
    },
  ],
};

/** A page file at the top of pages/ (Settings, Log) does not reach into a page's folder either. */
const topPageBan = {
  ...rendererBan,
  patterns: [
    ...rendererBan.patterns,
    {
      regex: '^\\./[^/]+/',
      message: "A page's folder: move what both pages use to components/, data/ or lib/.",
    },
  ],
};

/** Shared renderer code (components/, data/, lib/) depends on no page. */
const sharedBan = {
  ...rendererBan,
  patterns: [
    ...rendererBan.patterns,
    { regex: '(^|/)pages(/|$)', message: 'Shared renderer code must not import a page.' },
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      // "console" is the on-air console only; nothing may shadow the global console either.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            ':matches(VariableDeclarator > Identifier.id, :function > Identifier.params, TSParameterProperty > Identifier.parameter)[name="console"]',
          message: 'Do not shadow the global console: the on-air console is onAir, the server is server.',
        },
      ],
    },
  },
  {
    // The headless core, the console and the shared layer must never load Electron.
    files: ['src/main/**/*.ts', 'src/shared/**/*.ts'],
    ignores: ['src/main/electron/**'],
    rules: { 'no-restricted-imports': ['error', electronBan] },
  },
  {
    // Product code in src/ never loads test support.
    files: ['src/**/*.{ts,tsx}'],
    ignores: [
      'src/main/electron/**',
      'src/preload/**',
      'src/**/*.test.ts',
      'src/shared/**',
      'src/renderer/**',
      ...areas.map((a) => `src/main/core/${a}/**`),
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { ...electronBan, patterns: [...electronBan.patterns, testSupportBan] },
      ],
    },
  },
  {
    // The Electron shell and its preload script: Electron yes, test support no.
    files: ['src/main/electron/**/*.ts', 'src/preload/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [testSupportBan] }] },
  },
  {
    // A migration is frozen as of its day: it imports nothing from the areas' live code.
    files: ['src/main/core/db/migrations/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronBan,
          patterns: [
            ...electronBan.patterns,
            testSupportBan,
            {
              regex: `^(\\.\\./)+(${areas.join('|')})(/|$)`,
              message:
                'A migration imports nothing from an area: copy what it needs into the migration, frozen.',
            },
          ],
        },
      ],
    },
  },
  // Each area's product files: no Electron, no test support, other areas only through their index.ts.
  // (Tests may reach into another area to set up a scenario.)
  ...areas.map((area) => ({
    files: [`src/main/core/${area}/**/*.ts`],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { ...electronBan, patterns: [...electronBan.patterns, testSupportBan, areaBan(area)] },
      ],
    },
  })),
  {
    // The platform adapters talk to the real gateways: they never load the demo's simulated ones
    // (so an adapter and a simulator cannot agree on a mistake through shared code).
    files: ['src/main/core/orders/platforms/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronBan,
          patterns: [
            ...electronBan.patterns,
            testSupportBan,
            areaBan('orders'),
            {
              regex: '(^|/)demo(/|$)',
              message: 'An adapter never loads the demo (simulated gateways and shops live in orders/demo/).',
            },
          ],
        },
      ],
    },
  },
  {
    // Configuration is parsed once, by the entry points, into StudioOptions: the core and the
    // shared layer never read the process's environment or arguments themselves.
    files: ['src/main/core/**/*.ts', 'src/shared/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['env', 'argv'].map((property) => ({
          object: 'process',
          property,
          message: `The core reads no process.${property}: parse it in the entry point (environmentOptions) into StudioOptions.`,
        })),
      ],
    },
  },
  {
    // The shared layer is pure: no Node built-ins, no DOM.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronBan,
          patterns: [
            ...electronBan.patterns,
            { group: ['node:*'], message: 'src/shared is pure.' },
            testSupportBan,
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', rendererBan],
    },
  },
  {
    files: ['src/renderer/src/pages/*/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', pageBan] },
  },
  {
    files: ['src/renderer/src/pages/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', topPageBan] },
  },
  {
    files: ['src/renderer/src/{components,data,lib}/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', sharedBan] },
  },
  {
    // Tests of the renderer and shared layer run under Node and read the source tree.
    files: ['src/renderer/**/*.test.ts', 'src/shared/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', electronBan] },
  },
);
