// community.general's json_query filter (plugins/filter/json_query.py): jmespath.search of the
// expression on the value; python-jmespath's errors become the filter's AnsibleFilterError,
// "JMESPathError in json_query filter plugin:" before its own text, any other exception (a str
// compared with an int, a zero slice step) "Error in jmespath.search in json_query filter plugin:".
// ansible-core 2.14 routes the bare name json_query to it (config/ansible_builtin_runtime.yml).
import type { FilterFn } from '../environment.js';
import { fail, TemplateError } from '../errors.js';
import { isUndefined, failUndefined } from '../undefined.js';
import { JmesPathError, jmesSearch } from '../jmespath/search.js';

const jsonQuery: FilterFn = (_ctx, value, args) => {
  if (isUndefined(value)) failUndefined(value, true);
  const expr = args[0];
  try {
    return jmesSearch(typeof expr === 'string' ? expr : String(expr), value);
  } catch (err) {
    if (err instanceof JmesPathError)
      return fail('AnsibleError', `JMESPathError in json_query filter plugin:\n${err.message}`);
    if (err instanceof TemplateError)
      return fail('AnsibleError', `Error in jmespath.search in json_query filter plugin:\n${err.message}`);
    throw err;
  }
};

export const jsonQueryFilters: Record<string, FilterFn> = {
  json_query: jsonQuery,
  'community.general.json_query': jsonQuery,
};
