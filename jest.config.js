// Jest runs the TypeScript tests through ts-jest in transpile-only mode
// (isolatedModules in tsconfig.json): `npm test` type-checks everything with
// tsc first, so Jest does not pay for a second type check.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 30000,
};
