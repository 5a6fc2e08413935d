// SHA-256 (FIPS 180-4) of a byte array, for the web form's proof of work: plain JavaScript, so it
// works where crypto.subtle does not (pages served over plain HTTP) and hashes short inputs fast.

const PRIMES = [];
for (let n = 2; PRIMES.length < 64; n++) {
  if (PRIMES.every((p) => n % p !== 0)) PRIMES.push(n);
}
// The fractional parts of the primes' cube roots (K) and of the first eight's square roots (H0).
const frac = (x) => ((x - Math.floor(x)) * 0x100000000) >>> 0;
const K = Uint32Array.from(PRIMES, (p) => frac(Math.cbrt(p)));
const H0 = Uint32Array.from(PRIMES.slice(0, 8), (p) => frac(Math.sqrt(p)));
const W = new Uint32Array(64);
// Reused for short inputs (the proof of work hashes many), so hashing allocates little.
const SCRATCH = new Uint8Array(256);

const rotr = (x, n) => (x >>> n) | (x << (32 - n));

export function sha256(bytes) {
  const length = bytes.length;
  const blocks = Math.ceil((length + 9) / 64);
  const padded = blocks * 64 <= SCRATCH.length ? SCRATCH.subarray(0, blocks * 64) : new Uint8Array(blocks * 64);
  padded.fill(0);
  padded.set(bytes);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer, padded.byteOffset, padded.length);
  view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
  view.setUint32(padded.length - 4, (length * 8) >>> 0);
  const h = H0.slice();
  for (let b = 0; b < blocks; b++) {
    for (let i = 0; i < 16; i++) W[i] = view.getUint32(b * 64 + i * 4);
    for (let i = 16; i < 64; i++) {
      const w15 = W[i - 15];
      const w2 = W[i - 2];
      const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3);
      const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10);
      W[i] = (W[i - 16] + s0 + W[i - 7] + s1) >>> 0;
    }
    let [a, bb, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K[i] + W[i]) >>> 0;
      const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = (a & bb) ^ (a & c) ^ (bb & c);
      const t2 = (S0 + maj) >>> 0;
      hh = g; g = f; f = e; e = (d + t1) >>> 0;
      d = c; c = bb; bb = a; a = (t1 + t2) >>> 0;
    }
    h[0] += a; h[1] += bb; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
  }
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  h.forEach((v, i) => outView.setUint32(i * 4, v));
  return out;
}

/** How many zero bits the hash starts with. */
export function leadingZeroBits(hash) {
  let n = 0;
  for (const byte of hash) {
    if (byte === 0) { n += 8; continue; }
    return n + Math.clz32(byte) - 24;
  }
  return n;
}

/**
 * The nonce (decimal) for which SHA-256 of `${challenge}:${nonce}` starts with `bits` zero bits,
 * searched in slices so that the page stays responsive.
 */
export async function solve(challenge, bits, slice = 5000) {
  const prefix = new TextEncoder().encode(`${challenge}:`);
  const input = new Uint8Array(prefix.length + 20);
  input.set(prefix);
  for (let nonce = 0; ; ) {
    for (const end = nonce + slice; nonce < end; nonce++) {
      const digits = String(nonce);
      for (let i = 0; i < digits.length; i++) input[prefix.length + i] = digits.charCodeAt(i);
      const hash = sha256(input.subarray(0, prefix.length + digits.length));
      if (leadingZeroBits(hash) >= bits) return digits;
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
