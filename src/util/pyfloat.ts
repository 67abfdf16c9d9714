// Python floats that a JS number cannot mark as floats: 2.0 must not print as 2.
// Shared by the YAML loader (a `2.0` in a vars file) and the template engine.

/** An integral float (2.0); non-integral floats are plain numbers. */
export class PyFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
  toJSON(): number {
    return this.value;
  }
}
