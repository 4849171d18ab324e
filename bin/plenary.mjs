#!/usr/bin/env node
// Entry point for `npx plenary` and `npm start`: runs the TypeScript sources through tsx,
// with the project's tsconfig whatever the working directory.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/cli/main.ts');
