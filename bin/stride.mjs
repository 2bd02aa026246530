#!/usr/bin/env node
// Runs the TypeScript CLI directly: no build step between a change and a run.
import { register } from 'tsx/esm/api';

register();
await import('../orchestrator/cli/main.ts');
