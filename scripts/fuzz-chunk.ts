// One chunk of a text fuzzer, in its own process so npm run fuzz can time it out (a hang is a
// finding, not a wait): prints the chunk's report as JSON. Usage: fuzz-chunk.ts yaml|ini SEED FROM TO
import { fuzzText, type Target } from '../test/support/text-fuzz.js';

const [target, seed, from, to] = process.argv.slice(2);
console.log(JSON.stringify(fuzzText(target as Target, Number(seed), Number(from), Number(to))));
