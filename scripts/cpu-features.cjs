// What the bundle gives ssh2 for `require('cpu-features')` (scripts/bundle.ts): ssh2 asks the
// native addon at load whether the CPU has AES instructions (without them it offers
// chacha20-poly1305 before AES-GCM); resolving and dlopen-ing it cost a run ~4 ms. The same
// answer from /proc/cpuinfo's flags, and none where there is no such file (ssh2's order for an
// unknown CPU, as when the optional addon failed to build). test/bundle.test.ts compares it
// with the addon's.
module.exports = function cpuFeatures() {
  try {
    const m = /^(?:flags|Features)\s*:(.*)$/m.exec(require('node:fs').readFileSync('/proc/cpuinfo', 'latin1'));
    if (!m) return undefined;
    const flags = {};
    for (const f of m[1].trim().split(/\s+/)) flags[f] = true;
    const a = process.arch;
    return { arch: a === 'x64' || a === 'ia32' ? 'x86' : a === 'arm64' ? 'aarch64' : a, flags };
  } catch {
    return undefined;
  }
};
