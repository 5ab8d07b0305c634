/**
 * End-to-end tests: the preview `npm start` serves, driven in headless Chromium (Debian's
 * `chromium` package). Named *.e2e.ts so the main `npm test` run never picks them up.
 * One file at a time: each starts its own emulator, runtime and browser, on 2 shared cores.
 */
/** @type {import('jest').Config} */
module.exports = {
  rootDir: '../..',
  displayName: 'e2e',
  globalSetup: '<rootDir>/test/e2e/global-setup.ts',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  maxWorkers: 1,
  testTimeout: 120_000,
};
