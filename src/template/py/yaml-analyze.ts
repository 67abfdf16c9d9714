// PyYAML's Emitter.analyze_scalar (allow_unicode=True): which scalar styles a string allows.

export const BREAKS = '\n\x85\u2028\u2029';
const SPACE_OR_BREAK = '\0 \t\r\n\x85\u2028\u2029';

export interface Analysis {
  empty: boolean;
  multiline: boolean;
  allowFlowPlain: boolean;
  allowBlockPlain: boolean;
  allowSingleQuoted: boolean;
  /** A literal or folded block may hold it (PyYAML's allow_block). */
  allowBlock: boolean;
}

export function isPrintableUnicode(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (
    (c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c < 0x10ffff)) &&
    c !== 0xfeff
  );
}

/** PyYAML's Emitter.analyze_scalar (allow_unicode=True). */
export function analyze(scalar: string): Analysis {
  if (!scalar)
    return {
      empty: true,
      multiline: false,
      allowFlowPlain: false,
      allowBlockPlain: true,
      allowSingleQuoted: true,
      allowBlock: false,
    };
  const chars = [...scalar];
  let blockInd = false;
  let flowInd = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  if (scalar.startsWith('---') || scalar.startsWith('...')) blockInd = flowInd = true;
  let precededByWs = true;
  let followedByWs = chars.length === 1 || SPACE_OR_BREAK.includes(chars[1] ?? '');
  let prevSpace = false;
  let prevBreak = false;
  chars.forEach((ch, index) => {
    if (index === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) flowInd = blockInd = true;
      if ('?:'.includes(ch)) {
        flowInd = true;
        if (followedByWs) blockInd = true;
      }
      if (ch === '-' && followedByWs) flowInd = blockInd = true;
    } else {
      if (',?[]{}'.includes(ch)) flowInd = true;
      if (ch === ':') {
        flowInd = true;
        if (followedByWs) blockInd = true;
      }
      if (ch === '#' && precededByWs) flowInd = blockInd = true;
    }
    if (BREAKS.includes(ch)) lineBreaks = true;
    if (!(ch === '\n' || (ch >= ' ' && ch <= '~')) && !isPrintableUnicode(ch)) special = true;
    if (ch === ' ') {
      if (index === 0) leadingSpace = true;
      if (index === chars.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (BREAKS.includes(ch)) {
      if (index === 0) leadingBreak = true;
      if (index === chars.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = SPACE_OR_BREAK.includes(ch);
    followedByWs = index + 2 >= chars.length || SPACE_OR_BREAK.includes(chars[index + 2] ?? '');
  });
  let flowPlain = true;
  let blockPlain = true;
  let single = true;
  let block = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) flowPlain = blockPlain = false;
  if (trailingSpace) block = false;
  if (breakSpace) flowPlain = blockPlain = single = false;
  if (spaceBreak || special) flowPlain = blockPlain = single = block = false;
  if (lineBreaks) flowPlain = blockPlain = false;
  if (flowInd) flowPlain = false;
  if (blockInd) blockPlain = false;
  return {
    empty: false,
    multiline: lineBreaks,
    allowFlowPlain: flowPlain,
    allowBlockPlain: blockPlain,
    allowSingleQuoted: single,
    allowBlock: block,
  };
}
