// How a script's size is counted, the same way everywhere: the bench's tables and the CI size check
// (scripts/check-size.ts). KB = 1,024 bytes, gzip at level 9, brotli at quality 11.

import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface SizeRow {
  part: string;
  raw: number;
  gzip: number;
  brotli: number;
}

export function measure(part: string, code: string | Buffer): SizeRow {
  return {
    part,
    raw: Buffer.byteLength(code),
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

export const kb = (bytes: number) => (bytes / 1024).toFixed(1);
