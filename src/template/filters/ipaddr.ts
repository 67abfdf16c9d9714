// ansible.utils' IP address filters: ipaddr with its queries, ipv4, ipv6, ipwrap (ipaddr-core.ts),
// ipmath, nthhost, next/previous_nth_usable, network_in_usable/network_in_network
// (ipaddr-math.ts). ansible-core 2.14 routes the bare names through ansible.netcommon to them
// (that route's deprecation warning and ipaddr's warning for an empty value are not shown).
import type { FilterFn } from '../environment.js';
import { ipaddrFilter, ipv4Filter, ipv6Filter, ipwrapFilter } from './ipaddr-core.js';
import { IP_MATH_FILTERS } from './ipaddr-math.js';

const FILTERS: Record<string, FilterFn> = {
  ipaddr: ipaddrFilter,
  ipv4: ipv4Filter,
  ipv6: ipv6Filter,
  ipwrap: ipwrapFilter,
  ...IP_MATH_FILTERS,
};

/** Under ansible.utils, ansible.netcommon and the bare names ansible-core routes. */
export const ipaddrFilters: Record<string, FilterFn> = Object.fromEntries(
  Object.entries(FILTERS).flatMap(([n, f]) => [
    [n, f],
    [`ansible.utils.${n}`, f],
    [`ansible.netcommon.${n}`, f],
  ]),
);
