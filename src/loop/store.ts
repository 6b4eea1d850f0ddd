/**
 * The store: PostgreSQL, embedded or real, behind one small interface, so the loop runs the same SQL
 * on both. Embedded by default: PGlite (Postgres compiled to WebAssembly) in a directory, nothing to
 * install or start. A real PostgreSQL when a URL is given, through `pg` (node-postgres).
 *
 * Queries cast their results (`::int`, `::float8`, `to_char`) so both drivers hand back the same
 * JavaScript values: node-postgres returns `bigint` and `numeric` as strings, PGlite as numbers.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Session {
  /** One statement, with `$1`-style parameters; its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Several statements separated by `;`, without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Store extends Session {
  kind: 'embedded' | 'postgres';
  /** Where the data lives, for messages: a directory, or the database URL without its password. */
  where: string;
  /** Runs `work` on one connection of its own (a session lock, a transaction). */
  exclusive<T>(work: (session: Session) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** A PostgreSQL URL (`postgres://user:password@host:5432/db`): a real PostgreSQL. */
  databaseUrl?: string;
  /** Otherwise the embedded store, in `<dataDir>/postgres`. */
  dataDir?: string;
  /** A schema of its own (created if missing), for tests that share one database. Default: `public`. */
  schema?: string;
}

/** The URL as it may be printed: without its password. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    // `postgres://user:secret@/db?host=/run/postgresql` is a valid connection string, not a valid URL.
    return url.replace(/(\/\/[^:/@]*):[^@]*@/, '$1:***@');
  }
}

/**
 * Memory a sort or hash may take before it spills to disk: the summary groups tens of thousands of
 * sales, beyond PostgreSQL's default of 4 MB. Per operation, and only while one runs.
 */
const WORK_MEM = '32MB';

const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.schema !== undefined && !SCHEMA.test(options.schema)) {
    throw new Error(`schema must be a lowercase SQL name (${SCHEMA}), got ${JSON.stringify(options.schema)}`);
  }
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.schema) : openEmbedded(options.dataDir ?? 'hotlinks-data', options.schema);
}

async function openEmbedded(dataDir: string, schema: string | undefined): Promise<Store> {
  // Imported here: a store on PostgreSQL never loads the WebAssembly build.
  const { PGlite } = await import('@electric-sql/pglite');
  const directory = join(resolve(dataDir), 'postgres');
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const db = await PGlite.create({ dataDir: directory });
  await db.exec(`SET work_mem = '${WORK_MEM}'`);
  if (schema) await db.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
  const session: Session = {
    query: async (sql, params) => (await db.query<never>(sql, params)).rows,
    exec: async (sql) => void (await db.exec(sql)),
  };
  return {
    kind: 'embedded',
    where: directory,
    ...session,
    // PGlite is one connection already: the session is the store's. (Its `runExclusive` would hold the
    // lock that `query` itself waits for.)
    exclusive: (work) => work(session),
    close: () => db.close(),
  };
}

/**
 * The connection string and startup options for `settings`. node-postgres takes a URL's own
 * `?options=` (a search_path, a statement_timeout) over the pool's `options`, which then lost ours
 * (the summary sorted on disk at 4 MB, twice as slow): with a URL that has some, ours go into it,
 * before the URL's own, so a setting the URL names wins.
 */
function withStartupOptions(url: string, settings: string[]): { connectionString: string; options?: string } {
  try {
    const parsed = new URL(url);
    const own = parsed.searchParams.get('options');
    if (own) {
      parsed.searchParams.set('options', [...settings, own].join(' '));
      return { connectionString: parsed.toString() };
    }
  } catch {
    // Not a URL (a socket path): then it carries no options of its own.
  }
  return { connectionString: url, options: settings.join(' ') };
}

async function openPostgres(url: string, schema: string | undefined): Promise<Store> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    ...withStartupOptions(url, [`-c work_mem=${WORK_MEM}`, ...(schema ? [`-c search_path=${schema}`] : [])]),
    max: 10,
    connectionTimeoutMillis: 10_000,
  });
  // An idle connection the server drops (a restart) is reported here; unheard, it would end the process.
  pool.on('error', (error) => console.error(`hotlinks-embed: the PostgreSQL connection was lost (${error.message}); the next query reconnects`));
  try {
    if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    else await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw new Error(`could not reach PostgreSQL at ${safeUrl(url)}: ${(error as Error).message}`, { cause: error });
  }
  const sessionOf = (client: Pick<import('pg').Pool, 'query'>): Session => ({
    query: async (sql, params) => (await client.query(sql, params)).rows,
    exec: async (sql) => void (await client.query(sql)),
  });
  return {
    kind: 'postgres',
    where: safeUrl(url),
    ...sessionOf(pool),
    async exclusive(work) {
      const client = await pool.connect();
      try {
        return await work(sessionOf(client));
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
