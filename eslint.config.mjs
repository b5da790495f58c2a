// ESLint flat config: typescript-eslint recommended, React hooks rules for the renderer, and the process
// boundaries from STYLE.md enforced with no-restricted-imports.
import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

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
    ignores: ['src/main/ipc/register.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='ipcMain'][callee.property.name=/^(handle|on)$/]", message: 'Register IPC only through src/main/ipc/register.ts.' }
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
