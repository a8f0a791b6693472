// ESLint: the import boundaries between runtimes (scripts/eslint/boundaries.mjs, explained in docs/architecture.md)
// plus typescript-eslint's recommended rules that need no type information (type-aware linting would make
// `npm run lint` take as long as tsc, which `npm run typecheck` already runs). Formatting is Prettier's job
// (`npm run format`); nothing here is about style.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { boundariesPlugin } from './scripts/eslint/boundaries.mjs';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-*/**',
      'out/**',
      'node_modules/**',
      '.vscode-test/**',
      'test-results/**',
      'test/fixtures/**',
      'test/e2e/fixtures/**',
    ],
  },
  {
    files: ['**/*.{ts,mts,cts,js,mjs,cjs}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    plugins: { 'design-notes': boundariesPlugin },
    rules: {
      'design-notes/boundaries': 'error',
      // Undefined names are TypeScript's to report, with each runtime's own globals (src/, server/, media/ tsconfig).
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Matching control characters is the point in several places (inert terminal output, XML 1.0, NUL checks).
      'no-control-regex': 'off',
      // `a(), b()` and `cond ? a() : b()` as one-line loop bodies are used on purpose; tsc's noUnusedLocals and the
      // tests catch the mistakes this rule is after.
      '@typescript-eslint/no-unused-expressions': 'off',
      'prefer-const': ['error', { destructuring: 'all' }],
    },
  },
  {
    // CommonJS files, and tests that load a module at a chosen moment (after setting the environment), use require().
    files: ['**/*.cjs', 'bin/**', 'test/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Polling loops start with a value the error message shows if the first poll times out.
    files: ['test/**'],
    rules: { 'no-useless-assignment': 'off' },
  },
);
