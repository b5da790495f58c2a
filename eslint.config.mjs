// ESLint flat config: typescript-eslint recommended, React hooks rules for the renderer, and the process
// boundaries from STYLE.md enforced with no-restricted-imports.
import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const IPC_ONLY_IN_REGISTER = {
  selector: "CallExpression[callee.object.name='ipcMain'][callee.property.name=/^(handle|on)$/]",
  message: 'Register IPC only through src/main/ipc/register.ts.'
}
// Every statement lives in src/main/db (the one data layer): services and hosts call repository functions.
const SQL_ONLY_IN_DB = [
  { selector: "CallExpression[callee.property.name='prepare']", message: 'SQL belongs in src/main/db: call a repository function.' },
  { selector: "TaggedTemplateExpression[tag.name='sql']", message: 'SQL belongs in src/main/db: call a repository function.' },
  { selector: "CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto)$/]", message: 'Query building belongs in src/main/db: call a repository function.' },
  { selector: "MemberExpression[property.name=/^(sqlite|kysely)$/]", message: 'Only src/main/db touches the connection: call a repository function.' }
]

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', '.tmp/**', 'test-results/**', 'playwright-report/**', '.native/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off'
    }
  },
  {
    files: ['src/main/**/*.ts', 'src/preload/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.mjs', '*.config.ts', '*.config.mjs', 'bin/**/*.cjs'],
    languageOptions: { globals: { ...globals.node } }
  },
  { files: ['bin/**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'node:*', 'fs', 'path', 'os', 'child_process'], message: 'src/shared must stay pure: no Electron or Node imports.' },
            { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'src/shared may not import process code.' }
          ]
        }
      ]
    }
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
          patterns: [
            { group: ['electron', 'node:*'], message: 'No Node or Electron in the renderer.' },
            { group: ['**/main/**', '**/preload/index'], message: 'The renderer talks to main only through src/renderer/src/api/client.ts.' }
          ]
        }
      ]
    }
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/ipc/register.ts', 'src/main/db/**'],
    rules: { 'no-restricted-syntax': ['error', IPC_ONLY_IN_REGISTER, ...SQL_ONLY_IN_DB] }
  },
  { files: ['src/main/ipc/register.ts'], rules: { 'no-restricted-syntax': ['error', ...SQL_ONLY_IN_DB] } },
  { files: ['src/main/db/**/*.ts'], rules: { 'no-restricted-syntax': ['error', IPC_ONLY_IN_REGISTER] } },
  {
    // The layers point one way: hosts -> services -> db.
    files: ['src/main/db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/services/**', '**/cli/**', '**/ipc/**', '**/preview/**', '**/shell', '**/app/**'], message: 'src/main/db is the bottom layer: it imports no services or hosts.' }] }
      ]
    }
  },
  {
    files: ['src/main/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/cli/**', '**/ipc/**', '**/preview/**', '**/shell', '**/menu', '**/window*'], message: 'Services are called by the hosts (CLI, IPC, preview, shell), never the other way round.' }] }
      ]
    }
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/shell.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'shell', property: 'openExternal', message: 'Use safeOpenExternal.' }]
    }
  }
)
