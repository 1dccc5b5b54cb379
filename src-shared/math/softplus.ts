/**
 * softplus^-1 on a plain number: rho with log(1 + e^rho) = sigma, used to initialize rho from a
 * target sigma (METHOD.md section 2). log(expm1(sigma)) loses nothing for small sigma; for large
 * sigma expm1 overflows, and rho = sigma + log(1 - e^-sigma) is exact there.
 */
export function inverseSoftplus(sigma: number): number {
  if (!(sigma > 0)) throw new Error(`inverseSoftplus needs sigma > 0, got ${sigma}.`);
  return sigma > 20 ? sigma + Math.log1p(-Math.exp(-sigma)) : Math.log(Math.expm1(sigma));
}

/** softplus on a plain number, stable for any rho: max(rho, 0) + log1p(e^-|rho|). */
export function softplus(rho: number): number {
  return Math.max(rho, 0) + Math.log1p(Math.exp(-Math.abs(rho)));
}
