import { DataSource, EntityManager, EntityMetadata } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { applyPendingMigrations, withStartupLock } from './migrate';

/** One table as db:copy sees it: its columns, primary key, and the foreign keys it must defer. */
export interface CopyTable {
  name: string;
  columns: ColumnMetadata[];
  primaryKey: string[];
  /** Columns referencing a table not yet copied (itself, or a cycle): inserted empty, then set. */
  deferred: string[];
  /** The column of a serial id, whose sequence must move past the copied ids. */
  generatedId: string | null;
}

export interface TableCount {
  table: string;
  source: number;
  target: number;
}

export interface CopyReport {
  /** Migrations applied to the target before the copy (empty when it was already migrated). */
  migrated: string[];
  tables: TableCount[];
  rows: number;
}

export interface CopyProgress {
  table: string;
  /** Rows copied so far, in all tables, and how many there are in all. */
  copied: number;
  total: number;
}

export interface CopyOptions {
  /** Rows per INSERT statement, at most; bounded further by the parameter limit. */
  batchSize?: number;
  onProgress?: (progress: CopyProgress) => void;
}

/** The target already holds rows: db:copy never merges into, or overwrites, a database. */
export class TargetNotEmptyError extends Error {
  constructor(readonly tables: { table: string; rows: number }[]) {
    super(
      `The target database already has data (${tables.map((t) => `${t.table}: ${t.rows}`).join(', ')}); ` +
        'db:copy only fills an empty database; nothing was changed.',
    );
  }
}

export class CopyMismatchError extends Error {}

/** Stays well under SQLite's 32,766 and PostgreSQL's 65,535 bind parameters per statement. */
const MAX_PARAMETERS = 10_000;

/**
 * Every table of the schema, ordered so that a table comes after the tables its foreign keys
 * reference. A reference that cannot be satisfied by order (a table referencing itself, like
 * sources.parent_id, or a cycle) is deferred: inserted as NULL, set once every row is in.
 */
export function copyOrder(dataSource: DataSource): CopyTable[] {
  const byTable = new Map<string, EntityMetadata>();
  for (const metadata of dataSource.entityMetadatas) {
    if (metadata.tableType === 'regular' || metadata.tableType === 'junction') byTable.set(metadata.tableName, metadata);
  }
  const placed = new Set<string>();
  const ordered: CopyTable[] = [];
  const remaining = [...byTable.keys()].sort();
  while (remaining.length) {
    const ready = remaining.find((name) =>
      byTable.get(name)!.foreignKeys.every((fk) => fk.referencedTablePath === name || placed.has(fk.referencedTablePath)),
    );
    // Nothing is ready only on a cycle: break it at the first table left.
    const name = ready ?? remaining[0];
    const metadata = byTable.get(name)!;
    const deferred = metadata.foreignKeys
      .filter((fk) => fk.referencedTablePath === name || !placed.has(fk.referencedTablePath))
      .flatMap((fk) => fk.columns.map((c) => c.databaseName));
    for (const column of metadata.columns.filter((c) => deferred.includes(c.databaseName))) {
      if (!column.isNullable) throw new Error(`db:copy cannot defer ${name}.${column.databaseName}: it is NOT NULL.`);
    }
    const generated = metadata.primaryColumns.find((c) => c.isGenerated && c.generationStrategy === 'increment');
    ordered.push({
      name,
      columns: metadata.columns.filter((c) => !c.isVirtual),
      primaryKey: metadata.primaryColumns.map((c) => c.databaseName),
      deferred,
      generatedId: generated?.databaseName ?? null,
    });
    placed.add(name);
    remaining.splice(remaining.indexOf(name), 1);
  }
  return ordered;
}

/**
 * Copies every row of `source` into `target`, ids included, in ONE transaction on the target:
 * all or nothing. The target is migrated first if needed, and refused if any of its tables
 * holds a row. The source is read in one transaction too, so a server still writing to it
 * cannot make the copy inconsistent. Columns are copied as stored (not through entities, which
 * would drop select:false columns such as users.password_hash and re-apply transformers).
 */
export async function copyDatabase(source: DataSource, target: DataSource, options: CopyOptions = {}): Promise<CopyReport> {
  const tables = copyOrder(source);
  await refuseNonEmpty(target, tables);
  const migrated = await withStartupLock(target, () => applyPendingMigrations(target));
  await requireSameMigrations(source, target);

  const reader = source.createQueryRunner();
  await reader.connect();
  // SERIALIZABLE is the one level both drivers accept: a snapshot on PostgreSQL, and on
  // SQLite (WAL) a read transaction that sees no later commit.
  await reader.startTransaction('SERIALIZABLE');
  try {
    const counts = new Map<string, number>();
    for (const table of tables) counts.set(table.name, await countRows(reader.manager, table.name));
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    let copied = 0;
    options.onProgress?.({ table: tables[0]?.name ?? '', copied, total });

    const report = await target.transaction(async (writer) => {
      await refuseNonEmpty(target, tables, writer);
      for (const table of tables) {
        const perBatch = Math.max(1, Math.min(options.batchSize ?? 500, Math.floor(MAX_PARAMETERS / table.columns.length)));
        let after: Record<string, unknown> | null = null;
        for (let offset = 0; offset < counts.get(table.name)!; offset += perBatch) {
          const rows = await readBatch(reader.manager, table, { offset, after }, perBatch);
          if (rows.length === 0) break;
          after = rows[rows.length - 1];
          await insertBatch(writer, table, rows);
          if (table.deferred.length) await setDeferred(writer, table, rows);
          copied += rows.length;
          options.onProgress?.({ table: table.name, copied, total });
        }
        if (table.generatedId) await advanceCounter(reader.manager, writer, table);
      }
      const tableCounts: TableCount[] = [];
      for (const table of tables) {
        tableCounts.push({ table: table.name, source: counts.get(table.name)!, target: await countRows(writer, table.name) });
      }
      const wrong = tableCounts.filter((c) => c.source !== c.target);
      if (wrong.length) {
        // Thrown inside the transaction: nothing of the copy stays.
        throw new CopyMismatchError(`Row counts differ after the copy: ${wrong.map((c) => `${c.table} ${c.source} → ${c.target}`).join(', ')}`);
      }
      return { migrated, tables: tableCounts, rows: total };
    });
    return report;
  } finally {
    await reader.rollbackTransaction().catch(() => undefined);
    await reader.release();
  }
}

async function refuseNonEmpty(target: DataSource, tables: CopyTable[], manager?: EntityManager): Promise<void> {
  const runner = manager?.queryRunner ?? target.createQueryRunner();
  try {
    const existing = new Set((await runner.getTables(tables.map((t) => t.name))).map((t) => t.name));
    const full: { table: string; rows: number }[] = [];
    for (const table of tables) {
      if (!existing.has(table.name)) continue;
      const rows = await countRows(runner.manager, table.name);
      if (rows > 0) full.push({ table: table.name, rows });
    }
    if (full.length) throw new TargetNotEmptyError(full);
  } finally {
    if (!manager) await runner.release();
  }
}

async function requireSameMigrations(source: DataSource, target: DataSource): Promise<void> {
  const [from, to] = await Promise.all([executedMigrations(source), executedMigrations(target)]);
  if (from.join('\n') !== to.join('\n')) {
    throw new Error(
      `The source and the target are not at the same migration (source: ${from.at(-1) ?? 'none'}, target: ${to.at(-1) ?? 'none'}); ` +
        'migrate the source with this version of Claimtrail first (npm run cli -- db:migrate).',
    );
  }
}

async function executedMigrations(dataSource: DataSource): Promise<string[]> {
  const table = dataSource.driver.escape(dataSource.options.migrationsTableName ?? 'migrations');
  const rows: { name: string }[] = await dataSource.query(`SELECT name FROM ${table} ORDER BY timestamp, id`);
  return rows.map((r) => r.name);
}

async function countRows(manager: EntityManager, table: string): Promise<number> {
  const rows: { n: string | number }[] = await manager.query(`SELECT COUNT(*) AS n FROM ${manager.connection.driver.escape(table)}`);
  return Number(rows[0].n);
}

/**
 * One batch in primary-key order. With a single-column key, the batch starts after the last key
 * read (an index seek), so that a table of a million audit events is not read in quadratic time
 * as OFFSET would; a composite key falls back to OFFSET.
 */
async function readBatch(
  manager: EntityManager,
  table: CopyTable,
  position: { offset: number; after: Record<string, unknown> | null },
  limit: number,
): Promise<Record<string, unknown>[]> {
  const driver = manager.connection.driver;
  const q = (name: string) => driver.escape(name);
  const select = `SELECT ${table.columns.map((c) => q(c.databaseName)).join(', ')} FROM ${q(table.name)}`;
  const order = `ORDER BY ${table.primaryKey.map(q).join(', ')} LIMIT ${Math.trunc(limit)}`;
  if (table.primaryKey.length === 1) {
    const [key] = table.primaryKey;
    if (!position.after) return manager.query(`${select} ${order}`);
    const [query, bound] = driver.escapeQueryWithParameters(`${select} WHERE ${q(key)} > :after ${order}`, { after: position.after[key] }, {});
    return manager.query(query, bound);
  }
  // Integer literals, not parameters: both databases accept them, and they came from our own counts.
  return manager.query(`${select} ${order} OFFSET ${Math.trunc(position.offset)}`);
}

/**
 * The stored value as the target's driver should receive it. Booleans are the one type whose
 * raw form differs: SQLite returns 0/1, PostgreSQL true/false; a JavaScript boolean binds as
 * either. Everything else (integers, text, ISO-string instants) is the same bytes on both.
 */
function portable(column: ColumnMetadata, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (column.type === 'boolean' || column.type === Boolean) return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
  return value;
}

async function insertBatch(manager: EntityManager, table: CopyTable, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const driver = manager.connection.driver;
  const parameters: Record<string, unknown> = {};
  const tuples = rows.map((row, r) => {
    const names = table.columns.map((column, c) => {
      const name = `p${r}_${c}`;
      parameters[name] = table.deferred.includes(column.databaseName) ? null : portable(column, row[column.databaseName]);
      return `:${name}`;
    });
    return `(${names.join(', ')})`;
  });
  const sql = `INSERT INTO ${driver.escape(table.name)} (${table.columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES ${tuples.join(', ')}`;
  const [query, bound] = driver.escapeQueryWithParameters(sql, parameters, {});
  await manager.query(query, bound);
}

async function setDeferred(manager: EntityManager, table: CopyTable, rows: Record<string, unknown>[]): Promise<void> {
  const driver = manager.connection.driver;
  for (const row of rows) {
    const values = table.deferred.filter((name) => row[name] !== null && row[name] !== undefined);
    if (!values.length) continue;
    const parameters: Record<string, unknown> = {};
    const set = values.map((name, i) => {
      parameters[`v${i}`] = row[name];
      return `${driver.escape(name)} = :v${i}`;
    });
    const where = table.primaryKey.map((name, i) => {
      parameters[`k${i}`] = row[name];
      return `${driver.escape(name)} = :k${i}`;
    });
    const [query, bound] = driver.escapeQueryWithParameters(
      `UPDATE ${driver.escape(table.name)} SET ${set.join(', ')} WHERE ${where.join(' AND ')}`,
      parameters,
      {},
    );
    await manager.query(query, bound);
  }
}

/**
 * The highest id the table's counter has handed out, deleted rows included (0 if none). Counters
 * are where the two databases genuinely differ: a sequence on PostgreSQL, the sqlite_sequence
 * row of an AUTOINCREMENT table on SQLite.
 */
export async function idHighWater(manager: EntityManager, table: string): Promise<number> {
  if (manager.connection.options.type === 'postgres') {
    const sequence = await serialSequence(manager, table);
    const rows: { n: string | number }[] = await manager.query(
      `SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END AS n FROM ${sequence}`,
    );
    return Number(rows[0].n);
  }
  const rows: { seq: number }[] = await manager.query('SELECT seq FROM sqlite_sequence WHERE name = ?', [table]);
  return rows.length ? Number(rows[0].seq) : 0;
}

/** Sets the table's counter so that the next id handed out is `highWater + 1`. */
export async function setIdHighWater(manager: EntityManager, table: string, highWater: number): Promise<void> {
  if (manager.connection.options.type === 'postgres') {
    const sequence = await serialSequence(manager, table);
    await manager.query(`SELECT setval('${sequence.replace(/'/g, "''")}', $1, $2)`, [Math.max(highWater, 1), highWater > 0]);
    return;
  }
  await manager.query('DELETE FROM sqlite_sequence WHERE name = ?', [table]);
  if (highWater > 0) await manager.query('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)', [table, highWater]);
}

async function serialSequence(manager: EntityManager, table: string): Promise<string> {
  const column = manager.connection.getMetadata(table).primaryColumns[0].databaseName;
  const rows: { seq: string | null }[] = await manager.query('SELECT pg_get_serial_sequence($1, $2) AS seq', [
    manager.connection.driver.escape(table),
    column,
  ]);
  if (!rows[0]?.seq) throw new Error(`${table}.${column} has no sequence.`);
  return rows[0].seq;
}

/**
 * Moves the target's id counter to where the source's stands, past every copied id. An explicit
 * id does not advance a PostgreSQL sequence at all; and on either database, the ids of rows
 * deleted at the end of a table would otherwise be handed out again, to new rows that the audit
 * history of the deleted ones would then seem to describe.
 */
async function advanceCounter(reader: EntityManager, writer: EntityManager, table: CopyTable): Promise<void> {
  const q = writer.connection.driver.escape.bind(writer.connection.driver);
  const rows: { n: string | number | null }[] = await writer.query(`SELECT MAX(${q(table.generatedId!)}) AS n FROM ${q(table.name)}`);
  await setIdHighWater(writer, table.name, Math.max(Number(rows[0].n ?? 0), await idHighWater(reader, table.name)));
}
