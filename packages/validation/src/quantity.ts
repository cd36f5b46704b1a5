// resource.Quantity as Semantic.DeepEqual compares it (by value, Cmp) and as the API server
// defaults resource lists (SetDefaults_ResourceList rounds up to milli scale), from
// staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go and pkg/apis/core/v1/defaults.go.

const binarySuffixes: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const decimalSuffixes: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const QUANTITY = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/;
/** Beyond these, a value is compared by its text: such inputs are absurd, not worth big arithmetic. */
const maxDigits = 200;
const maxExponent = 200;

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Numerator and denominator of a quantity string, or undefined when it is not one. */
function parse(s: string): { num: bigint; den: bigint } | undefined {
  const m = QUANTITY.exec(s);
  if (m === null) return undefined;
  const [, sign, whole = '', frac = '', suffix = ''] = m;
  if (whole.length + frac.length === 0 || whole.length + frac.length > maxDigits) return undefined;
  let num = BigInt(`${whole}${frac}` || '0');
  let den = 10n ** BigInt(frac.length);
  if (suffix in binarySuffixes) num *= 2n ** BigInt(binarySuffixes[suffix]!);
  else {
    let exp: number;
    if (suffix in decimalSuffixes) exp = decimalSuffixes[suffix]!;
    else {
      const e = /^[eE]([+-]?\d{1,4})$/.exec(suffix);
      if (e === null) return undefined;
      exp = Number(e[1]);
      if (Math.abs(exp) > maxExponent) return undefined;
    }
    if (exp >= 0) num *= 10n ** BigInt(exp);
    else den *= 10n ** BigInt(-exp);
  }
  if (sign === '-') num = -num;
  return { num, den };
}

/**
 * A key under which two quantities with the same value are equal ("1", "1000m", "1e3m"); with
 * `roundUpToMilli`, values are first rounded up (away from zero) to milli units, as resource
 * limits and requests are on decode. Anything that is not a quantity keys as itself.
 */
export function quantityKey(v: unknown, roundUpToMilli: boolean): unknown {
  if (typeof v !== 'string') return v;
  const q = parse(v);
  if (q === undefined) return v;
  let { num, den } = q;
  if (roundUpToMilli) {
    const scaled = num * 1000n;
    const neg = scaled < 0n;
    const abs = neg ? -scaled : scaled;
    let milli = abs / den;
    if (milli * den !== abs) milli += 1n;
    num = neg ? -milli : milli;
    den = 1000n;
  }
  const g = gcd(num < 0n ? -num : num, den);
  return `quantity:${num / g}/${den / g}`;
}
