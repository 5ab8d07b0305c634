// ESLint for the whole tree: typescript-eslint's recommended rules, and the project's own layering
// rule — only miniprogram/services/ calls the cloud.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'miniprogram/miniprogram_npm/',
      'cloudfunctions/*/index.js',
      'cloudfunctions/*/exceljs.js',
      'local/preview/client/*.js',
      'test-results/',
      '.data/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['miniprogram/**/*.ts'],
    rules: {
      // WeChat's own typings take `{}` for "no properties" (Component<{}, …>, page query types).
      '@typescript-eslint/no-empty-object-type': 'off',
      // typings/index.d.ts is global (IAppOption): the tests compile the services without the mini-program's tsconfig.
      '@typescript-eslint/triple-slash-reference': 'off',
    },
  },
  {
    files: ['miniprogram/**/*.ts'],
    // app.ts only initialises wx.cloud (the environment); every call goes through services/.
    ignores: ['miniprogram/services/**', 'miniprogram/app.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'wx', property: 'cloud', message: 'Call the cloud from miniprogram/services/ only (services/cloud.ts callCloud).' },
      ],
    },
  },
  { files: ['**/*.js'], languageOptions: { globals: { ...globals.node } } },
  { files: ['test/e2e/fixture/**/*.js'], languageOptions: { globals: { wx: 'readonly', Component: 'readonly', getApp: 'readonly' } } },
  {
    // Test support and page tests drive miniprogram-simulate and jest internals typed as any.
    files: ['test/**/*.ts', 'test/**/*.js'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
