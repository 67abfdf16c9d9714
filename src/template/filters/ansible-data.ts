import type { FilterFn } from '../environment.js';
export const ansibleDataFilters: Record<string, FilterFn> = {};
