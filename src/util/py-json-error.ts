// What Python's json.loads says about text that is not JSON (json/decoder.py and the C scanner of
// CPython 3.11, as Debian's ansible-core runs it): DataLoader.load tries JSON first and shows that
// error above the YAML one ("JSON: Expecting ',' delimiter: line 1 column 9 (char 8)").

class JsonError extends Error {
  constructor(
    readonly what: string,
    readonly pos: number,
  ) {
    super(what);
  }
}

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;
const CONSTANTS = ['null', 'true', 'false', 'NaN', 'Infinity', '-Infinity'];

class Reader {
  constructor(private readonly s: string) {}

  ws(i: number): number {
    while (WS.has(this.s[i] ?? '')) i++;
    return i;
  }

  /** scan_once: the end of the value at i. */
  value(i: number): number {
    const c = this.s[i];
    if (c === '"') return this.string(i + 1);
    if (c === '{') return this.object(i + 1);
    if (c === '[') return this.array(i + 1);
    for (const k of CONSTANTS) if (this.s.startsWith(k, i)) return i + k.length;
    NUMBER.lastIndex = i;
    if (NUMBER.test(this.s)) return NUMBER.lastIndex;
    throw new JsonError('Expecting value', i);
  }

  /** scanstring_unicode (strict): the end after the closing quote. */
  private string(i: number): number {
    const begin = i - 1;
    for (;;) {
      const c = this.s[i];
      if (c === undefined) throw new JsonError('Unterminated string starting at', begin);
      if (c === '"') return i + 1;
      if (c < ' ') throw new JsonError('Invalid control character at', i);
      if (c !== '\\') {
        i++;
        continue;
      }
      const e = this.s[i + 1];
      if (e === undefined) throw new JsonError('Unterminated string starting at', begin);
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(this.s.slice(i + 2, i + 6))) throw new JsonError('Invalid \\uXXXX escape', i + 1);
        i += 6;
      } else if ('"\\/bfnrt'.includes(e)) i += 2;
      else throw new JsonError('Invalid \\escape', i);
    }
  }

  private object(i: number): number {
    i = this.ws(i);
    if (this.s[i] === '}') return i + 1;
    for (;;) {
      if (this.s[i] !== '"') throw new JsonError('Expecting property name enclosed in double quotes', i);
      i = this.ws(this.string(i + 1));
      if (this.s[i] !== ':') throw new JsonError("Expecting ':' delimiter", i);
      i = this.ws(this.value(this.ws(i + 1)));
      if (this.s[i] === '}') return i + 1;
      if (this.s[i] !== ',') throw new JsonError("Expecting ',' delimiter", i);
      i = this.ws(i + 1);
    }
  }

  private array(i: number): number {
    i = this.ws(i);
    if (this.s[i] === ']') return i + 1;
    for (;;) {
      i = this.ws(this.value(i));
      if (this.s[i] === ']') return i + 1;
      if (this.s[i] !== ',') throw new JsonError("Expecting ',' delimiter", i);
      i = this.ws(i + 1);
    }
  }
}

/** json.loads(text)'s error message, or undefined when the text is JSON. */
export function pyJsonError(text: string): string | undefined {
  try {
    if (text.startsWith('\uFEFF')) throw new JsonError('Unexpected UTF-8 BOM (decode using utf-8-sig)', 0);
    const reader = new Reader(text);
    const end = reader.ws(reader.value(reader.ws(0)));
    if (end !== text.length) throw new JsonError('Extra data', end);
    return undefined;
  } catch (err) {
    if (!(err instanceof JsonError)) throw err;
    // JSONDecodeError: lineno counts the newlines before pos, colno is 1-based
    const line = text.slice(0, err.pos).split('\n').length;
    const column = err.pos - text.lastIndexOf('\n', err.pos - 1);
    return `${err.what}: line ${line} column ${column} (char ${err.pos})`;
  }
}
