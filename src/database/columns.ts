import { ColumnOptions, ValueTransformer } from 'typeorm';

/**
 * Instants are stored as fixed-width ISO-8601 UTC strings (`2026-11-25T12:00:00.000Z`): the same
 * column type and the same bytes on SQLite and PostgreSQL, lexicographic order equals time order,
 * and a copy between the two databases is exact to the millisecond.
 */
export const instantTransformer: ValueTransformer = {
  to: (value: Date | null | undefined) => (value instanceof Date ? value.toISOString() : value),
  from: (value: string | null) => (value == null ? null : new Date(value)),
};

export function InstantColumnOptions(options: Partial<ColumnOptions> = {}): ColumnOptions {
  return { type: 'varchar', length: 24, transformer: instantTransformer, ...options };
}

/** A calendar date (`YYYY-MM-DD`), stored as text on both databases. */
export function DateOnlyColumnOptions(options: Partial<ColumnOptions> = {}): ColumnOptions {
  return { type: 'varchar', length: 10, nullable: true, ...options };
}
