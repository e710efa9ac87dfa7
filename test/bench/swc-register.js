// Lets `node -r ./test/bench/swc-register.js file.ts` run the bench's TypeScript (the reference
// server, the report memory probe) without a build, with the same SWC settings as jest.
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

const { $schema, ...options } = JSON.parse(readFileSync(`${__dirname}/../../.swcrc`, 'utf8'));
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...options, filename, sourceMaps: 'inline', module: { type: 'commonjs' } });
  module._compile(code, filename);
};
