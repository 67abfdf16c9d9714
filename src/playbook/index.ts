// The playbook model and its loading from YAML.
export type { Play, Playbook, Block, Task, Include, Item, Handler, RoleInstance, Keywords, Scope } from './model.js';
export { loadPlaybook, varsMap } from './plays.js';
export {
  taskKeywords,
  playKeywords,
  setPostValidated,
  keywordOf,
  type TaskKeywords,
  type PlayKeywords,
  type LoopControl,
  type InheritedKeyword,
} from './typed-keywords.js';
export { loadTaskFile, resolveTaskFile, leafItems, implicitBlock, type LoadContext } from './items.js';
export { loadRole, roleFiles, splitRoleEntry, type RoleSink, type RoleRequest } from './roles.js';
export { parseKvArgs, splitArgs } from './kv.js';
export { INHERITED, isWithLoop } from './keywords.js';
export { ACTION_GROUPS, groupName } from './action-groups.js';
export type { ModuleResolver } from './action.js';
export { isAnsibleModuleName } from './ansible-module-names.js';
