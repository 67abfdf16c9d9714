// Variables: precedence, per-run state, and what a task sees.
export { PRECEDENCE } from './precedence.js';
export { taskVars, inventoryVars, factVars, roleChain, playDir, type TaskScope } from './resolve.js';
export { hostState, type VarsWorld, type HostVarState } from './state.js';
export { jsonFileCache, type FactCache } from './fact-cache.js';
export { HostVars } from './host-vars.js';
