// Mirrors Go's strconv.Quote (fmt's %q verb), so error details read exactly like the API server's.

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const HEX = '0123456789abcdef';

/** Lower-case hex of `n`, left-padded with zeros to `width` digits. */
function hex(n: number, width: number): string {
  let out = '';
  for (let k = width - 1; k >= 0; k--) out += HEX[(n >>> (4 * k)) & 0xf];
  return out;
}

/**
 * Quotes `s` as Go's `%q` does: double quotes; `\"` and `\\`; `\a \b \f \n \r \t \v`; other
 * ASCII controls as `\xHH`; code points that Go's `unicode.IsPrint` rejects as `\uHHHH` or
 * `\UHHHHHHHH`; printable text (including non-ASCII letters) kept as is. A lone UTF-16
 * surrogate stands for the U+FFFD that Go would have decoded. Linear in `s`.
 *
 * @example goQuote('a"b\n') === '"a\\"b\\n"'
 * @internal shared with @jobkit/validation's error rendering; not part of jobkit's API
 */
export function goQuote(s: string): string {
  let out = '"';
  let runStart = 0; // start of the pending run of characters copied as they are
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    // Fast path: printable ASCII other than `"` and `\` is copied in runs.
    if (c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c) {
      i++;
      continue;
    }
    let cp = c;
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = ((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // lone surrogate: Go would hold U+FFFD
    const escaped = escapeCodePoint(cp);
    if (escaped !== undefined || (width === 1 && cp !== c)) {
      out += s.slice(runStart, i) + (escaped ?? String.fromCodePoint(cp));
      runStart = i + width;
    }
    i += width;
  }
  return out + s.slice(runStart) + '"';
}

/** The escape Go writes for `cp`, or `undefined` when Go writes it as is. */
function escapeCodePoint(cp: number): string | undefined {
  switch (cp) {
    case 0x22:
      return '\\"';
    case 0x5c:
      return '\\\\';
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
  }
  if (cp < 0x20 || cp === 0x7f) return '\\x' + hex(cp, 2);
  if (cp < 0x7f) return undefined;
  if (PRINTABLE.test(String.fromCodePoint(cp))) return undefined;
  return cp < 0x10000 ? '\\u' + hex(cp, 4) : '\\U' + hex(cp, 8);
}
