/** The exact binary value of a finite double as mantissa · 2^exponent. */
function decompose(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, x)
  const high = view.getUint32(0)
  const low = view.getUint32(4)
  const biased = (high >>> 20) & 0x7ff
  const fraction = (BigInt(high & 0xfffff) << 32n) | BigInt(low)
  if (biased === 0) return { mantissa: fraction, exponent: -1074 }
  return { mantissa: fraction | (1n << 52n), exponent: biased - 1075 }
}

/**
 * Python `f"{x:.{digits}f}"`. JS `toFixed` rounds exact ties away from zero (2.5 → "3"); Python rounds the
 * exact binary value half-to-even (2.5 → "2") and keeps the sign of negative zero.
 */
export function formatFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan'
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf'
  const negative = x < 0 || Object.is(x, -0)
  const { mantissa, exponent } = decompose(Math.abs(x))
  let numerator = mantissa * 10n ** BigInt(digits)
  let denominator = 1n
  if (exponent >= 0) numerator <<= BigInt(exponent)
  else denominator <<= BigInt(-exponent)
  let quotient = numerator / denominator
  const twice = (numerator % denominator) * 2n
  if (twice > denominator || (twice === denominator && quotient % 2n === 1n)) quotient += 1n
  const text = quotient.toString().padStart(digits + 1, '0')
  const body = digits > 0 ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text
  return negative ? `-${body}` : body
}
