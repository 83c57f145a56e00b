/**
 * The two signature schemes of API 3.0 (reference §4.5, §4.6): TC3-HMAC-SHA256 (signature v3) with common parameters
 * in `X-TC-*` headers, and v1 (HmacSHA1 / HmacSHA256) with every parameter in the query or form body.
 */
export const SIGNATURE_SCHEMES = ['TC3', 'v1'] as const;
export type SignatureScheme = (typeof SIGNATURE_SCHEMES)[number];
