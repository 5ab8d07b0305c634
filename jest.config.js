/**
 * Two kinds of test: node tests (emulator, runtime, cloud functions, domain rules) and page
 * tests (miniprogram-simulate in jsdom). Both call the real cloud functions, built once by
 * globalSetup, against the real emulator.
 */
const tsJest = ['ts-jest', { tsconfig: 'test/tsconfig.json' }];

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  // Several suites sweep every action through the real functions; on a busy 2-core machine that
  // takes seconds, so the 5 s default would fail them for the machine's load, not their code.
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['<rootDir>/test/pages/', '/node_modules/'],
      transform: { '^.+\\.ts$': tsJest },
      moduleFileExtensions: ['ts', 'js', 'json'],
    },
    {
      displayName: 'pages',
      // jsdom for the page, with Node's own binary types and package resolution for the emulator
      // and the functions that run beside it (see the file).
      testEnvironment: '<rootDir>/test/support/page-environment.js',
      testMatch: ['<rootDir>/test/pages/**/*.test.ts'],
      transform: {
        '^.+\\.ts$': tsJest,
        // tdesign-miniprogram ships ES modules; the page tests load them through simulate.
        'miniprogram_npm/.+\\.js$': tsJest,
      },
      transformIgnorePatterns: ['/node_modules/'],
      moduleFileExtensions: ['ts', 'js', 'json'],
    },
  ],
};
