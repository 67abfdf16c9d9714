// The filter registries: Jinja2's built-ins, and Ansible's on top of them.
import type { FilterFn } from '../environment.js';
import { jinjaStringFilters } from './jinja-strings.js';
import { jinjaSequenceFilters } from './jinja-sequences.js';
import { ansibleCoreFilters } from './ansible-core.js';
import { ansibleDataFilters } from './ansible-data.js';
import { ansibleRegexFilters } from './ansible-regex.js';
import { ansibleMathFilters } from './ansible-math.js';
import { ansibleUrlFilters } from './ansible-urls.js';
import { ansibleRandomFilters } from './ansible-random.js';
import { ansibleVaultFilters } from './ansible-vault.js';
import { ansiblePathFilters } from './ansible-paths.js';
import { ansiblePasswordFilters } from './ansible-password.js';
import { jsonQueryFilters } from './json-query.js';
import { ipaddrFilters } from './ipaddr.js';

export const jinjaFilters: Record<string, FilterFn> = { ...jinjaStringFilters, ...jinjaSequenceFilters };

export const ansibleFilters: Record<string, FilterFn> = {
  ...ansibleCoreFilters,
  ...ansibleDataFilters,
  ...ansibleRegexFilters,
  ...ansibleMathFilters,
  ...ansibleUrlFilters,
  ...ansibleRandomFilters,
  ...ansibleVaultFilters,
  ...ansiblePathFilters,
  ...ansiblePasswordFilters,
  ...jsonQueryFilters,
  ...ipaddrFilters,
};
