// Console output: Ansible's default callback and colours.
export { DefaultCallback } from './default.js';
export { JsonCallback } from './json.js';
export { MinimalCallback, OnelineCallback } from './minimal.js';
export { YamlCallback } from './yaml.js';
export { TimerCallback, ProfileTasksCallback } from './profile.js';
export { palette, type Palette } from './color.js';
export { renderDiff } from './diff.js';
export { warningText } from './textwrap.js';
export { StatusLine } from './status-line.js';
