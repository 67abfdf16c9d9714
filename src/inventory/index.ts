// The inventory: hosts, groups, their variables, and host patterns.
export { Inventory, type Host, type Group } from './model.js';
export { loadInventory, loadVarsDirs, type LoadedInventory, type VarsDirs } from './load.js';
export { selectHosts, splitPattern, LOCALHOST } from './patterns.js';
export { expandHostnameRange } from './ranges.js';
export { expandHostPattern, parseAddress } from './address.js';
export { parseIniInventory, InventoryParseError } from './ini.js';
export { parseYamlInventory } from './yaml.js';
