// A 64-bit name for a text: FNV-1a over its UTF-16 code units in two 32-bit
// lanes, as 16 hex digits. Not a checksum against anyone: it names
// dist/precompiled/ entries (whose full text is compared on use) and stamps
// the start-up snapshot's inputs. Plain JavaScript in bin/ because the
// launcher, the build scripts and the bundled code all use it, and only bin/
// and dist/ ship; node:crypto is not used because loading it costs the
// launcher more than the hashing.

/** @param {string} text @returns {string} */
export function textHash(text) {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
