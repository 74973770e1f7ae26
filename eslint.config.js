import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

const noElectron = { name: 'electron', message: 'Only src-main/electron may import electron.' };

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'test-results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src-renderer/**/*.{ts,svelte}'],
    languageOptions: { globals: { ...globals.browser }, parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['**/*.svelte.ts'],
    languageOptions: { parser: svelte.parser, parserOptions: { parser: tseslint.parser } },
  },
  {
    // The core, the CLI, the preview and the renderer never see Electron: only src-main/electron does.
    files: [
      'src-main/core/**',
      'src-main/cli/**',
      'src-main/preview/**',
      'src-main/contract/**',
      'src-renderer/**',
      'test/**',
    ],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron] }],
    },
  },
  {
    // The renderer imports the contract (src-main/contract/domain.ts carries what it needs of the
    // core); never the core itself, nor the programs around it.
    files: ['src-renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: ['**/src-main/core/**', '**/src-main/electron/**', '**/src-main/preview/**', '**/src-main/cli/**'],
              message: 'The renderer imports src-main/contract only (domain types and rules: contract/domain.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    // Dependencies point one way: the contract imports the core's model, never the other way round.
    // Only core/api/ (the adapter between the contract's requests and the core) may import the
    // contract; the rest of the core also never reaches out to the shells around it.
    files: ['src-main/core/**'],
    ignores: ['src-main/core/api/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: ['**/contract/*'],
              message: 'Only src-main/core/api may import the contract; domain types live in src-main/core (model.ts).',
            },
            {
              group: ['**/electron/*', '**/preview/*', '**/cli/*', '**/src-renderer/*'],
              message: 'The core does not depend on the programs built around it.',
            },
          ],
        },
      ],
    },
  },
);
