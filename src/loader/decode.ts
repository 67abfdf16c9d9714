// Strict UTF-8 decoding with the position of the first bad byte.
import { RunbookError } from '../util/index.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8 (dropping a BOM); invalid bytes fail with file, line and column. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return decoder.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    const at = firstInvalid(bytes);
    const before = Buffer.from(bytes.subarray(0, at)).toString('utf8');
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    throw new RunbookError(
      `${file} is not valid UTF-8 (byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at offset ${at})`,
      { file, line, column },
    );
  }
}

function firstInvalid(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid + 1), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}
