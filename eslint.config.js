// Type-aware lint (conventions §13): floating and misused promises are errors, no `any` leaks.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'site/', 'coverage/', 'reports/', 'eslint.config.js'] },
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['conformance/cli/tbc.mjs', 'conformance/test-only/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // `return skipRun(...)` in a function that returns void reads as "stop here"; only that use is allowed.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreVoidReturningFunctions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Generated code follows the generator's shape, not our style.
    files: ['generated/**'],
    rules: { '@typescript-eslint/no-redundant-type-constituents': 'off' },
  },
);
