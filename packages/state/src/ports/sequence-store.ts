export interface NextOptions {
  /** The first number handed out when the sequence does not exist yet (default 1). Ignored afterwards. */
  start?: number;
}

/**
 * Named counters whose numbers are never handed out twice, even under concurrent callers or after a crash (a number
 * taken and not used is lost, never reused). Used for SSCC-18 serial references (856) and similar.
 */
export interface SequenceStore {
  /** Atomically takes the next number: strictly greater than every number this sequence returned before. */
  next(name: string, options?: NextOptions): Promise<number>;
  /** The last number handed out, or `undefined` when none was. */
  current(name: string): Promise<number | undefined>;
}
