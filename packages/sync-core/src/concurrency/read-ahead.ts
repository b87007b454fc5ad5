/**
 * Iterates `source` one item ahead: while the consumer works on an item, the next one is already being fetched. The
 * outbound flows walk X3's change window so: the next page's query and `$details` reads run while the page before
 * is handled, instead of the requests in flight draining to nothing between pages. Items still reach the consumer
 * one at a time and in order. When the consumer stops early (break, throw), the fetch in flight is let settle, its
 * result or error dropped, and the source closed.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  let ahead = iterator.next();
  let finished = false;
  try {
    while (true) {
      const current = await ahead;
      if (current.done) {
        finished = true;
        return;
      }
      ahead = iterator.next();
      // Awaited on the next turn, or dropped below when the consumer stops first: never an unhandled rejection.
      ahead.catch(() => undefined);
      yield current.value;
    }
  } finally {
    if (!finished) {
      const last = await ahead.then(
        (result) => result,
        () => ({ done: true as const, value: undefined }),
      );
      if (!last.done) await iterator.return?.();
    }
  }
}
