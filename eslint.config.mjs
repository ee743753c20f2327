// ESLint for the TypeScript sources and tests (STYLE.md): typescript-eslint's recommended rules, and the
// two type-aware rules a sweep or a consumer needs most: an unawaited promise loses work silently. The console's
// browser modules get the recommended JavaScript rules and no native dialogs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', '.runtime/', 'coverage/', 'bench/', 'scripts/', 'test/setup/', '*.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      // `interface DomainEventMap extends SlaEventMap {}` is how a module adds its events to the bus's map.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'always' }],
      // Unused arguments named _x are deliberate (interface shapes, positional callbacks).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests read loosely typed JSON bodies; `any` there is the body, not a hole in the product's types.
    files: ['test/**/*.ts', 'src/**/*.spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // The console: plain browser modules (their globals are the browser's; no-undef is left to the browser tests).
    // Every prompt, confirmation and message is the page's own, inline and in Chinese: native dialogs are refused.
    files: ['console/**/*.js'],
    languageOptions: { sourceType: 'module' },
    // The ideographic space (U+3000) lays out Chinese figures in templates on purpose.
    rules: { 'no-undef': 'off', 'no-alert': 'error', 'no-irregular-whitespace': ['error', { skipTemplates: true }] },
  },
);
