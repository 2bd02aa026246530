/** Size limits that keep a hostile or broken archive from filling memory or disk. */
export interface ImportLimits {
  /** Largest single file (after decompression), bytes. */
  maxFileBytes: number;
  /** Largest total uncompressed size of an archive, bytes. */
  maxTotalBytes: number;
  /** Most entries in an archive. */
  maxEntries: number;
  /** Highest uncompressed/compressed ratio of an entry over 1 MiB (zip bombs reach 1000+; activity files 3..20). */
  maxRatio: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxFileBytes: 256 * 2 ** 20,
  maxTotalBytes: 8 * 2 ** 30,
  maxEntries: 200_000,
  maxRatio: 200,
};

export const RATIO_CHECK_FROM_BYTES = 2 ** 20;
