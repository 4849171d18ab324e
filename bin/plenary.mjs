#!/usr/bin/env node
// Entry point for `npx plenary` and `npm start`: runs the TypeScript sources through tsx,
// with the project's tsconfig whatever the working directory.
import { fileURLToPath } from 'node:url';
import { register as registerCommonJs } from 'tsx/cjs/api';
import { register } from 'tsx/esm/api';

const tsconfig = fileURLToPath(new URL('../tsconfig.json', import.meta.url));
register({ tsconfig });
// A catalogue file outside the project (PLENARY_CATALOGUES) has no package.json saying it is an ES
// module: Node reads such a .ts as CommonJS, which tsx compiles only with its CommonJS hooks too.
registerCommonJs();
await import('../src/cli/main.ts');
