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
    },
  },
  {
    // The headless core, the console and the shared layer must never load Electron.
    files: ['src/main/**/*.ts', 'src/shared/**/*.ts'],
    ignores: ['src/main/electron/**'],
    rules: { 'no-restricted-imports': ['error', electronBan] },
  },
  {
    // The shared layer is pure: no Node built-ins, no DOM.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronBan,
          patterns: [...electronBan.patterns, { group: ['node:*'], message: 'src/shared is pure.' }],
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
      'no-restricted-imports': [
        'error',
        {
          ...electronBan,
          patterns: [
            ...electronBan.patterns,
            { group: ['node:*'], message: 'The renderer runs in a browser.' },
          ],
        },
      ],
    },
  },
  {
    // Tests of the renderer and shared layer run under Node and read the source tree.
    files: ['src/renderer/**/*.test.ts', 'src/shared/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', electronBan] },
  },
);
