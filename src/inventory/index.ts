// The inventory: hosts, groups, their variables, and host patterns.
export { Inventory, type Host, type Group } from './model.js';
export { loadInventory, loadVarsDirs, type LoadedInventory, type VarsDirs } from './load.js';
export { selectHosts, splitPattern, LOCALHOST } from './patterns.js';
export { expandHostRange } from './ranges.js';
export { parseIniInventory } from './ini.js';
export { parseYamlInventory } from './yaml.js';
