// Resuming runs: the state file of a run and its lock.
export { RunState, statePath, type StateFile, type OpenOptions } from './run-state.js';
