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
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    let cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    switch (cp) {
      case 0x22: out += '\\"'; continue;
      case 0x5c: out += '\\\\'; continue;
      case 0x07: out += '\\a'; continue;
      case 0x08: out += '\\b'; continue;
      case 0x0c: out += '\\f'; continue;
      case 0x0a: out += '\\n'; continue;
      case 0x0d: out += '\\r'; continue;
      case 0x09: out += '\\t'; continue;
      case 0x0b: out += '\\v'; continue;
    }
    if (cp === 0x20 || (cp > 0x20 && cp < 0x7f)) out += String.fromCodePoint(cp);
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + hex(cp, 2);
    else if (PRINTABLE.test(String.fromCodePoint(cp))) out += String.fromCodePoint(cp);
    else if (cp < 0x10000) out += '\\u' + hex(cp, 4);
    else out += '\\U' + hex(cp, 8);
  }
  return out + '"';
}
