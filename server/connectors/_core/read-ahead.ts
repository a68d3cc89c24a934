/**
 * The source's items, the next one read while the caller works on the current one: downloading
 * and parsing a batch (this process's CPU) overlaps with the sync engine storing the previous one
 * (the database's), which on two cores is most of the difference. At most one item is read ahead.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const request = () => {
    const next = iterator.next();
    // Raised when awaited below; until then it must not count as an unhandled rejection.
    next.catch(() => undefined);
    return next;
  };
  let pending = request();
  try {
    for (;;) {
      const next = await pending;
      if (next.done) return;
      pending = request();
      yield next.value;
    }
  } finally {
    await iterator.return?.(undefined);
  }
}
