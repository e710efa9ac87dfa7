import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';

interface Shape {
  columns: ColumnMetadata[];
  /** `INSERT INTO "table" ("a", "b")` */
  head: string;
}

const shapes = new WeakMap<EntityMetadata, Map<string, Shape>>();

function shapeOf(metadata: EntityMetadata, manager: EntityManager, keys: string[]): Shape {
  let byKeys = shapes.get(metadata);
  if (!byKeys) shapes.set(metadata, (byKeys = new Map()));
  const id = keys.join(',');
  let shape = byKeys.get(id);
  if (!shape) {
    const driver = manager.connection.driver;
    const columns = keys.map((key) => {
      const column = metadata.findColumnWithPropertyName(key);
      if (!column) throw new Error(`${metadata.name} has no column for the property ${key}`);
      return column;
    });
    shape = { columns, head: `INSERT INTO ${driver.escape(metadata.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')})` };
    byKeys.set(id, shape);
  }
  return shape;
}

/**
 * Inserts rows of an entity in one statement without TypeORM's query builder, which on a write
 * costs more CPU than the statement itself, spent while the SQLite write queue waits. Each value
 * goes through the entity's column metadata and the driver exactly as `insert()` would convert it
 * (value transformers, simple-json, booleans, dates); the statement's head is built once per entity
 * and column set. Only for rows that give every column they need: database defaults fill the rest,
 * TypeORM's own defaults (@VersionColumn, @CreateDateColumn) are not applied.
 *
 * `conflict: 'ignore'` adds `ON CONFLICT DO NOTHING` (SQLite and PostgreSQL alike). Returns the new
 * row's id when `returning: 'id'` (one row): PostgreSQL's RETURNING, SQLite's last insert rowid.
 */
export async function insertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: Partial<T>[],
  options: { returning?: 'id'; conflict?: 'ignore' } = {},
): Promise<number | null> {
  if (rows.length === 0) return null;
  if (options.returning && rows.length !== 1) throw new Error('insertRows returns the id of a single row only');
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const postgres = manager.connection.options.type === 'postgres';
  const shape = shapeOf(metadata, manager, Object.keys(rows[0]));
  const values: unknown[] = [];
  const tuples = rows.map((row) => {
    const marks = shape.columns.map((column) => {
      const value = driver.preparePersistentValue(row[column.propertyName as keyof T], column);
      values.push(value === undefined ? null : value);
      return postgres ? `$${values.length}` : '?';
    });
    return `(${marks.join(', ')})`;
  });
  const sql = `${shape.head} VALUES ${tuples.join(', ')}${options.conflict === 'ignore' ? ' ON CONFLICT DO NOTHING' : ''}${options.returning && postgres ? ' RETURNING id' : ''}`;
  const result: unknown = await manager.query(sql, values);
  if (!options.returning) return null;
  // TypeORM answers an INSERT on SQLite with the statement's last rowid, on PostgreSQL with RETURNING's rows.
  return Number(postgres ? (result as { id: number | string }[])[0].id : result);
}
