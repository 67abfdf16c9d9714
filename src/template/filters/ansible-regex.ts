import type { FilterFn } from '../environment.js';
export const ansibleRegexFilters: Record<string, FilterFn> = {};
