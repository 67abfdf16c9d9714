// A host's failure in its state (PlayIterator._set_failed_state, _check_failed_state and their
// neighbours, ansible-core 2.14): where a failure sends it, whether it counts as failed, and
// included blocks spliced in after the include.
import type { Handler, Item } from '../playbook/index.js';
import { HostState, Run, Failed, CHILD, COUNTER, LIST, type CursorBlock, type Section } from './host-state.js';

/** _set_failed_state: the host failed where it stands; on to rescue, always or complete. */
export function setFailed(s: HostState): HostState {
  const block = s.block;
  switch (s.run) {
    case Run.SETUP:
      s.fail |= Failed.SETUP;
      s.run = Run.COMPLETE;
      break;
    case Run.TASKS:
      if (s.tasksChild) s.tasksChild = setFailed(s.tasksChild);
      else {
        s.fail |= Failed.TASKS;
        s.run = block?.rescue.length ? Run.RESCUE : block?.always.length ? Run.ALWAYS : Run.COMPLETE;
      }
      break;
    case Run.RESCUE:
      if (s.rescueChild) s.rescueChild = setFailed(s.rescueChild);
      else {
        s.fail |= Failed.RESCUE;
        s.run = block?.always.length ? Run.ALWAYS : Run.COMPLETE;
      }
      break;
    case Run.ALWAYS:
      if (s.alwaysChild) s.alwaysChild = setFailed(s.alwaysChild);
      else {
        s.fail |= Failed.ALWAYS;
        s.run = Run.COMPLETE;
      }
      break;
    case Run.HANDLERS:
      s.fail |= Failed.HANDLERS;
      s.updateHandlers = true;
      s.run = block?.rescue.length ? Run.RESCUE : block?.always.length ? Run.ALWAYS : Run.COMPLETE;
      break;
    default:
      break;
  }
  return s;
}

/** _check_failed_state: whether the host counts as failed now. */
export function checkFailed(s: HostState | undefined): boolean {
  if (!s) return false;
  if (s.run === Run.RESCUE && checkFailed(s.rescueChild)) return true;
  if (s.run === Run.ALWAYS && checkFailed(s.alwaysChild)) return true;
  if (s.run === Run.HANDLERS && (s.fail & Failed.HANDLERS) === Failed.HANDLERS) return true;
  if (s.fail !== Failed.NONE) {
    if (s.run === Run.RESCUE && (s.fail & Failed.RESCUE) === 0) return false;
    if (s.run === Run.ALWAYS && (s.fail & Failed.ALWAYS) === 0) return false;
    return !(s.didRescue && (s.fail & Failed.ALWAYS) === 0);
  }
  if (s.run === Run.TASKS && checkFailed(s.tasksChild)) {
    return !((s.block?.rescue.length ?? 0) > 0 && (s.fail & Failed.RESCUE) === 0);
  }
  return false;
}

/** get_active_state: the innermost state that is running. */
export function activeState(s: HostState): HostState {
  if (s.run === Run.TASKS && s.tasksChild) return activeState(s.tasksChild);
  if (s.run === Run.RESCUE && s.rescueChild) return activeState(s.rescueChild);
  if (s.run === Run.ALWAYS && s.alwaysChild) return activeState(s.alwaysChild);
  return s;
}

/** is_any_block_rescuing: a failure here would be caught by a rescue. */
export function isAnyBlockRescuing(s: HostState): boolean {
  if (s.run === Run.TASKS && s.block?.rescue.length) return true;
  const child = s.tasksChild ?? s.rescueChild ?? s.alwaysChild;
  return child ? isAnyBlockRescuing(child) : false;
}

/** _clear_state_errors (meta: clear_host_errors). */
export function clearErrors(s: HostState): void {
  s.fail = Failed.NONE;
  const child = s.tasksChild ?? s.rescueChild ?? s.alwaysChild;
  if (child) clearErrors(child);
}

/** _insert_tasks_into_state: included blocks go in right after the include. */
export function insertItems(s: HostState, items: Item[]): HostState {
  if ((s.fail !== Failed.NONE && s.run === Run.TASKS) || !items.length) return s;
  const splice = (section: Section): void => {
    const child = s[CHILD[section]];
    if (child) {
      s[CHILD[section]] = insertItems(child, items);
      return;
    }
    const block = { ...(s.block as CursorBlock) };
    const list = [...block[LIST[section]]];
    list.splice(s[COUNTER[section]], 0, ...items);
    block[LIST[section]] = list;
    s.blocks[s.curBlock] = block;
  };
  if (s.run === Run.TASKS) splice('tasks');
  else if (s.run === Run.RESCUE) splice('rescue');
  else if (s.run === Run.ALWAYS) splice('always');
  else if (s.run === Run.HANDLERS) {
    const handlers = items
      .flatMap((b) => (b.kind === 'block' ? b.block : [b]))
      .filter((t): t is Handler => t.kind !== 'block');
    s.handlers.splice(s.curHandlers, 0, ...handlers);
  }
  return s;
}
