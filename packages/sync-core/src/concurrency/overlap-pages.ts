/**
 * Runs a paged walk with two pages' work in flight: each page's work is started (it waits for the caller's slots),
 * then the page before is finished (its work awaited, then `finish`ed), then the next page is fetched. So the slots
 * do not drain to nothing at each page's end while the last of a page's work and the next page's fetch go on, yet
 * pages are finished one at a time and in order (what moves a cursor past them). `stop` is asked after each page. If
 * the pages, some work or a `finish` throw, the work already started settles before the error leaves.
 */
export async function overlapPages<P, R>(
  pages: AsyncIterable<P>,
  steps: {
    start(page: P): Promise<R>;
    finish?(result: R): Promise<void>;
    stop(): boolean;
  },
): Promise<void> {
  const finish = async (work: Promise<R>) => {
    const result = await work;
    await steps.finish?.(result);
  };
  let inHand: Promise<R> | undefined;
  try {
    for await (const page of pages) {
      const started = steps.start(page);
      // Awaited below, or settled in the catch if something throws first: never an unhandled rejection.
      started.catch(() => undefined);
      const before = inHand;
      inHand = started;
      if (before) await finish(before);
      if (steps.stop()) break;
    }
    if (inHand) await finish(inHand);
  } catch (error) {
    await Promise.allSettled([inHand]);
    throw error;
  }
}
