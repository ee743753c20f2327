const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'es6' },
  },
];
// ESM-only packages that CommonJS dependencies require() (@fastify/static, light-my-request). Node 20.19+
// loads them natively, but jest's own CommonJS loader supports require(esm) only on Node 24.9+, so on Node 20
// and 22 jest compiles these few to CommonJS. Drop this once the supported range starts at 24.9.
const esmRequiredByCjs = ['content-disposition', 'cookie'];
const cjs = ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }];
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': swc,
    [`node_modules/(${esmRequiredByCjs.join('|')})/.+\\.js$`]: cjs,
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmRequiredByCjs.join('|')})/)`],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};

export default {
  // Per-project testTimeout is ignored by jest; end-to-end tests boot an app and a database.
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.mjs',
      globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
      setupFilesAfterEnv: ['<rootDir>/test/contract/response-check.setup.ts'],
    },
  ],
};
