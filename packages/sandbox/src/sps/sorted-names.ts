/** Most names a chunk holds before it is split: inserts and deletes move at most this many references. */
const CHUNK = 512;

/**
 * A set of names kept in JavaScript string order (UTF-16 code units, what `<` compares), as a list of sorted chunks:
 * adding or removing a name costs a binary search and a splice inside one chunk, and reading the names after a given
 * one costs a binary search plus the names read. A mailbox folder of 100,000 files is then paged without sorting it.
 */
export class SortedNames {
  readonly #chunks: string[][] = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  has(name: string): boolean {
    const chunk = this.#chunks[this.#chunkFor(name)];
    if (!chunk) return false;
    const index = lowerBound(chunk, name);
    return chunk[index] === name;
  }

  /** Adds the name; false when it was already there. */
  add(name: string): boolean {
    if (this.#chunks.length === 0) {
      this.#chunks.push([name]);
      this.#size = 1;
      return true;
    }
    const at = this.#chunkFor(name);
    const chunk = this.#chunks[at] as string[];
    const index = lowerBound(chunk, name);
    if (chunk[index] === name) return false;
    chunk.splice(index, 0, name);
    this.#size += 1;
    if (chunk.length > 2 * CHUNK) this.#chunks.splice(at + 1, 0, chunk.splice(CHUNK));
    return true;
  }

  /** Removes the name; false when it was not there. */
  delete(name: string): boolean {
    const at = this.#chunkFor(name);
    const chunk = this.#chunks[at];
    if (!chunk) return false;
    const index = lowerBound(chunk, name);
    if (chunk[index] !== name) return false;
    chunk.splice(index, 1);
    this.#size -= 1;
    if (chunk.length === 0) this.#chunks.splice(at, 1);
    return true;
  }

  /** The names from `start` on (`start` itself included when `inclusive`), in order. */
  *from(start: string, inclusive: boolean): Generator<string> {
    let at = this.#chunkFor(start);
    const first = this.#chunks[at];
    if (!first) return;
    let index = lowerBound(first, start);
    if (!inclusive && first[index] === start) index += 1;
    for (; at < this.#chunks.length; at++, index = 0) {
      const chunk = this.#chunks[at] as string[];
      for (; index < chunk.length; index++) yield chunk[index] as string;
    }
  }

  /** The chunk that holds `name` or would: the last chunk whose first name is at most `name` (0 when none is). */
  #chunkFor(name: string): number {
    let low = 0;
    let high = this.#chunks.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.#chunks[middle]?.[0] as string) <= name) low = middle + 1;
      else high = middle;
    }
    return Math.max(0, low - 1);
  }
}

/** The first index whose name is not below `name`. */
function lowerBound(names: readonly string[], name: string): number {
  let low = 0;
  let high = names.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((names[middle] as string) < name) low = middle + 1;
    else high = middle;
  }
  return low;
}
