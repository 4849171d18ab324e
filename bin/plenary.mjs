#!/usr/bin/env node
// Entry point for `npx plenary` and `npm start`: runs the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
