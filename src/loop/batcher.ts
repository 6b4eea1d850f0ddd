/**
 * Writes that arrive together go to the store together. Each `add` resolves once the statement that
 * carried its item has run, so a caller still answers only after its write; but one statement carries
 * every item that arrived while the previous one ran. The embedded store runs one statement at a
 * time: a report per statement would queue the next request behind each insert.
 */
export class Batcher<T> {
  private queue: { item: T; done(error?: unknown): void }[] = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly max = 1000,
  ) {}

  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, done: (error) => (error ? reject(error) : resolve()) });
      this.running ??= this.drain();
    });
  }

  /** Resolves once everything added so far has been written (or has failed). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    // Lets the requests already read in this turn of the event loop join the first statement.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.max);
      try {
        await this.write(batch.map((entry) => entry.item));
        for (const entry of batch) entry.done();
      } catch (error) {
        for (const entry of batch) entry.done(error);
      }
    }
    this.running = undefined;
  }
}
