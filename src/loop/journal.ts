/**
 * The webhook's journal: every accepted delivery is appended to a file and flushed to disk before
 * Hotmart gets its 200, then applied to the store. Whatever happens after the answer (the database
 * is down, the process is killed), the delivery is in the file, and the next start applies it.
 *
 * Appends that arrive while a flush is under way wait for the next one, which writes them all and
 * flushes once ("group commit"): one disk flush serves many deliveries, and each is still on disk
 * before its own answer. A line holds only what `parseDelivery` kept: no personal data.
 */
import { closeSync, fsyncSync, openSync, readFileSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Delivery } from '../server/hotmart-delivery.js';

/** One line of the journal. */
export interface JournalEntry {
  /** When the delivery was received, ms since the epoch (the server's clock). */
  at: number;
  delivery: Delivery;
}

export interface JournalContents {
  entries: JournalEntry[];
  /**
   * Line numbers that could not be read, other than a torn last line. A last line without its line
   * end is a write the process did not finish: that delivery was never answered, Hotmart sends it
   * again, and it is simply skipped.
   */
  unreadable: number[];
}

/** Reads every entry of the journal at `path` (none if there is no file). */
export function readJournal(path: string): JournalContents {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code == 'ENOENT') return { entries: [], unreadable: [] };
    throw error;
  }
  const lines = text.split('\n');
  // After the last line end: empty, or a torn write.
  lines.pop();
  const entries: JournalEntry[] = [];
  const unreadable: number[] = [];
  lines.forEach((line, index) => {
    // An empty line is where a failed write was cut short (see `torn` below).
    if (!line) return;
    try {
      const entry = JSON.parse(line) as JournalEntry;
      if (typeof entry.at != 'number' || typeof entry.delivery?.id != 'string') throw new Error('not an entry');
      entries.push(entry);
    } catch {
      unreadable.push(index + 1);
    }
  });
  return { entries, unreadable };
}

/** Flushes a directory, so that a file just created in it survives a crash. */
function syncDirectory(path: string): void {
  const fd = openSync(dirname(path), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export class Journal {
  private pending: { line: string; done(error?: unknown): void }[] = [];
  private flushing: Promise<void> | undefined;
  /** A write failed part-way (disk full): the next one starts on a new line, so the torn one spoils no other. */
  private torn = false;

  private constructor(
    readonly path: string,
    private file: FileHandle,
  ) {}

  /** Opens (creates) the journal for appending. */
  static async open(path: string): Promise<Journal> {
    const file = await open(path, 'a', 0o600);
    syncDirectory(path);
    return new Journal(path, file);
  }

  /** Resolves once `entry` is on disk. */
  append(entry: JournalEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ line: JSON.stringify(entry) + '\n', done: (error) => (error ? reject(error) : resolve()) });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending;
      this.pending = [];
      try {
        await this.file.write((this.torn ? '\n' : '') + batch.map((item) => item.line).join(''));
        this.torn = false;
        await this.file.datasync();
        for (const item of batch) item.done();
      } catch (error) {
        this.torn = true;
        for (const item of batch) item.done(error);
      }
    }
    this.flushing = undefined;
  }

  /** Empties the journal: only once every entry in it is in the store. */
  async truncate(): Promise<void> {
    await this.flushing;
    await this.file.truncate(0);
    await this.file.datasync();
  }

  async close(): Promise<void> {
    await this.flushing;
    await this.file.close();
  }
}
