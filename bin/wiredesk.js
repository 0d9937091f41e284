#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, with the project's own tsconfig whatever the cwd is
// (tsx would otherwise look for one in the cwd and JSX would not compile).
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/cli.ts');
