// Callables visible to templates: global functions, bound methods and macros.

/** Keyword arguments as Python passes them. */
export type Kwargs = Map<string, unknown>;

/** Anything a template can call. */
export class PyFunction {
  constructor(
    readonly name: string,
    readonly call: (args: unknown[], kwargs: Kwargs) => unknown,
  ) {}
}
