import type { FilterFn } from '../environment.js';
export const ansibleMathFilters: Record<string, FilterFn> = {};
