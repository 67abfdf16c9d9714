import type { TestFn } from './environment.js';
export const ansibleTests: Record<string, TestFn> = {};
