import type { FilterFn } from '../environment.js';
export const ansibleCoreFilters: Record<string, FilterFn> = {};
