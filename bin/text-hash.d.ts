/** A 64-bit name for a text (FNV-1a, two lanes), as 16 hex digits: see text-hash.js. */
export function textHash(text: string): string;
