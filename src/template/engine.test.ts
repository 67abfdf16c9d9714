import { describe, expect, it } from 'vitest';
import { render, evaluate, TemplateError, PyFloat, type TemplateOptions } from './index.js';

const jinja: TemplateOptions = { mode: 'jinja' };

function errorOf(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (err) {
    if (err instanceof TemplateError) return err;
    throw err;
  }
  throw new Error('expected a TemplateError');
}

describe('Python value semantics (plain Jinja2 mode)', () => {
  it.each([
    ['{{ 7 // 2 }}|{{ -7 // 2 }}|{{ 7 % -3 }}', '3|-4|-2'],
    ['{{ 4 / 2 }}|{{ 1 / 4 }}|{{ 2 ** -1 }}', '2.0|0.25|0.5'],
    ['{{ 1e-7 }}|{{ 12345678901234567.0 }}|{{ 1.0e3 }}', '1e-07|1.2345678901234568e+16|1000.0'],
    ["{{ '%s=%r' % ('a', 'b') }}|{{ '%5.1f|%-4d|%x' % (3.14159, 7, 255) }}", "a='b'|  3.1|7   |ff"],
    ["{{ '%(n)s!' % {'n': 1} }}", '1!'],
    [
      "{{ '{0}{1}{0}'.format('a', 'b') }}|{{ '{:06.2f}'.format(3.14159) }}|{{ '{x!r}'.format(x='q') }}",
      "aba|003.14|'q'",
    ],
    ["{{ [1, 2] * 2 }}|{{ (1,) + (2,) }}|{{ 'ab' * 0 }}", '[1, 2, 1, 2]|(1, 2)|'],
    ["{{ 'hello'[1:-1] }}|{{ [1,2,3,4][::2] }}|{{ 'abc'[-1] }}", 'ell|[1, 3]|c'],
    ["{{ {'b': 1, 'a': 2} }}|{{ {1: 'x', 1.0: 'y'} }}", "{'b': 1, 'a': 2}|{1: 'y'}"],
    ['{{ 1 == 1.0 }}|{{ (1, 2) == [1, 2] }}|{{ {"a": 1} == {"a": 1.0} }}', 'True|False|True'],
    ["{{ ' a  b '.split() }}|{{ 'a,b,,c'.split(',', 2) }}|{{ 'xxhixx'.strip('x') }}", "['a', 'b']|['a', 'b', ',c']|hi"],
    ["{{ 'Hello World'.startswith(('x', 'He')) }}|{{ 'a-b'.partition('-') }}", "True|('a', '-', 'b')"],
    [
      "{{ ['b', 'A', 'c'] | sort }}|{{ ['b', 'A', 'c'] | sort(case_sensitive=true) }}",
      "['A', 'b', 'c']|['A', 'b', 'c']",
    ],
    [
      "{{ ['a', 'A', 'b'] | unique | list }}|{{ ['a', 'B'] | max }}|{{ ['a', 'B'] | max(case_sensitive=true) }}",
      "['a', 'b']|B|a",
    ],
    ['{{ "it\'s" }}|{{ ["it\'s", \'a\\nb\'] }}', "it's|[\"it's\", 'a\\nb']"],
    ['{% for a, (b, c) in [(1, (2, 3))] %}{{ a }}{{ b }}{{ c }}{% endfor %}', '123'],
    ['{% for i in [3, 1, 2] if i > 1 %}{{ loop.index }}/{{ loop.length }} {% endfor %}', '1/2 2/2 '],
    [
      '{% for i in [1, 2, 3] %}{{ loop.previtem | default("-") }}{{ loop.changed(i % 2) }} {% endfor %}',
      '-True 1True 2True ',
    ],
    ['{% set a, b = 1, 2 %}{{ b }}{{ a }}', '21'],
    ['{% macro m() %}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(1, 2, k=3) }}', "(1, 2){'k': 3}"],
    ['{% macro wrap() %}[{{ caller() }}]{% endmacro %}{% call wrap() %}in{% endcall %}', '[in]'],
    ['{% filter upper %}a{{ "b" }}{% endfilter %}', 'AB'],
    ['{% with a = 1, b = 2 %}{{ a + b }}{% endwith %}{{ a }}', '3'],
    ['{{ "%s" | format(none) }}|{{ none }}', 'None|None'],
  ])('%s', (tpl, expected) => {
    expect(render(tpl, {}, jinja)).toBe(expected);
  });

  it('keeps ints and floats apart in native values', () => {
    expect(evaluate('4 / 2')).toEqual(new PyFloat(2));
    expect(evaluate('7 // 2')).toBe(3);
    expect(evaluate('(1, 2)')).toEqual([1, 2]);
  });
});

describe('errors carry a position and never hang', () => {
  it.each([
    ['line1\n{{ 1 + }}', 2, 'unexpected'],
    ['{% if x %}\nno end', 2, 'Unexpected end of template'],
    ['a\nb {{ x | nope }}', 2, "No filter named 'nope'."],
    ['{{ x is nope }}', 1, "No test named 'nope'."],
    ['{% bogus %}', 1, "Encountered unknown tag 'bogus'."],
    ['{{ "unterminated }}', 1, 'unexpected char'],
    ['{# open comment', 1, 'Missing end of comment tag'],
    ['{% raw %} no end', 1, 'Missing end of raw directive'],
    ['x\n\n{{ 1 / 0 }}', 3, 'division by zero'],
    ["{{ 'a' + 1 }}", 1, 'can only concatenate str (not "int") to str'],
  ])('%j', (tpl, line, message) => {
    const err = errorOf(() => render(tpl, {}, jinja));
    expect(err.location?.line).toBe(line);
    expect(err.location?.column).toBeGreaterThan(0);
    expect(err.message).toContain(message);
  });

  it('stops a runaway loop at the step budget', () => {
    const err = errorOf(() =>
      render(
        '{% for a in range(1000) %}{% for b in range(1000) %}{{ b }}{% endfor %}{% endfor %}',
        {},
        { ...jinja, stepBudget: 100_000 },
      ),
    );
    expect(err.kind).toBe('StepBudgetExceeded');
  });

  it('stops unbounded macro recursion with an error', () => {
    const err = errorOf(() => render('{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}', {}, jinja));
    expect(err.message).toContain('maximum recursion depth exceeded');
  });

  it('charges huge repetitions to the budget instead of allocating them', () => {
    const err = errorOf(() => render("{{ 'x' * 1000000000 }}", {}, jinja));
    expect(err.kind).toBe('StepBudgetExceeded');
  });

  it('names the file when one is given', () => {
    expect(errorOf(() => render('{{ x.y.z }}', {}, { file: 'roles/nova/templates/nova.conf.j2' })).describe()).toBe(
      "roles/nova/templates/nova.conf.j2:1:4: 'x.y.z' is undefined ('x' is undefined)",
    );
  });
});

describe('include, import and extends', () => {
  const files: Record<string, string> = {
    'header.j2': '# {{ title }}\n',
    'macros.j2': '{% macro kv(k, v) %}{{ k }} = {{ v }}{% endmacro %}',
    'base.j2': '[{% block body %}base{% endblock %}]',
  };
  const options: TemplateOptions = {
    mode: 'jinja',
    loadTemplate: (name) => (name in files ? { name, source: files[name] ?? '' } : undefined),
  };

  it('includes with the current context', () => {
    expect(render("{% include 'header.j2' %}x", { title: 'T' }, options)).toBe('# Tx');
  });

  it('imports macros as a module and by name', () => {
    expect(render("{% import 'macros.j2' as m %}{{ m.kv('a', 1) }}", {}, options)).toBe('a = 1');
    expect(render("{% from 'macros.j2' import kv as p %}{{ p('b', 2) }}", {}, options)).toBe('b = 2');
  });

  it('extends a base template, overriding its blocks', () => {
    expect(render("{% extends 'base.j2' %}{% block body %}child{% endblock %}", {}, options)).toBe('[child]');
  });

  it('fails clearly on a missing include unless told to ignore it', () => {
    expect(errorOf(() => render("{% include 'nope.j2' %}", {}, options)).kind).toBe('TemplateNotFound');
    expect(render("a{% include 'nope.j2' ignore missing %}b", {}, options)).toBe('ab');
  });
});

describe('other delimiters (Jinja2 environment strings, outputs from Python Jinja2 3.1)', () => {
  const delimiters = {
    variableStart: '[%',
    variableEnd: '%]',
    commentStart: '[#',
    commentEnd: '#]',
    blockStart: '<%',
    blockEnd: '%>',
  };

  it('lexes variables, comments, blocks, raw and whitespace control with the given strings', () => {
    const tpl = 'Hello [% x %]! [# c #]{{ y }} <% if 1 %>on<% endif %> <% raw %>[% x %]<% endraw %> [%- x -%] .';
    expect(render(tpl, { x: 'w' }, { ...jinja, delimiters })).toBe('Hello w! {{ y }} on [% x %]w.');
  });

  it('changes only the strings given; a bracket inside the expression is not an end', () => {
    const tpl = '[% [1,2][0] %] {% for i in [1] %}[% i %]{% endfor %}';
    expect(render(tpl, {}, { ...jinja, delimiters: { variableStart: '[%', variableEnd: '%]' } })).toBe('1 1');
  });
});

// Outputs of Python Jinja2 3.1.2 for the same templates and variables (generated expressions
// compared against it: filters' guards and Python's own types)
describe('filters as Jinja2 3.1.2 runs them on values of other types', () => {
  const vars = new Map<string, unknown>([
    ['n', 5],
    ['f', false],
    ['l', [[1], [2, 3]]],
    ['t', true],
  ]);
  it.each([
    ['{{ n | round }}', '5'],
    ['{{ t | round }}', '1'],
    ['{{ 2.5 | round }}', '2.0'],
    ["{{ f | select('odd') | list }}", '[]'],
    ["{{ f | map('string') | list }}", '[]'],
    ['{{ t | abs }}', '1'],
    ["{{ l['k'] is defined }}", 'False'],
    ["{{ 'abc'['x'] is defined }}", 'False'],
    ['{{ l | truncate(5) }}', '[[1], [2, 3]]'],
  ])('%s', (tpl, want) => {
    expect(String(render(tpl, vars, jinja))).toBe(want);
  });
  it.each([
    ['{{ n | truncate(5) }}', "object of type 'int' has no len()"],
    ['{{ n | indent(2) }}', "unsupported operand type(s) for +=: 'int' and 'str'"],
    ['{{ l | indent(2) }}', "'list' object has no attribute 'splitlines'"],
    ['{{ nope | float }}', "'nope' is undefined"],
    ['{{ nope | int }}', "'nope' is undefined"],
  ])('%s fails', (tpl, message) => {
    expect(() => render(tpl, vars, jinja)).toThrow(message);
  });
});
