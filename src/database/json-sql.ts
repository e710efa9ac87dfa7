import { EntityManager } from 'typeorm';

/**
 * SQL that makes SQLite write an answer's JSON itself, byte for byte as JSON.stringify would write
 * the same value: members in the order given, no spaces, and strings escaped the same way (`"`,
 * `\`, `\b \t \n \f \r`, other control characters as lowercase `\u00xx`; U+2028 and non-ASCII
 * text as they are). On the hot lists this spares the main thread building an object per row and
 * column and then serialising it (claim-reads.ts, selectClaimJson): on the article page at 10k
 * claims, 1.0 → 0.68 ms of main-thread CPU per request.
 *
 * SQLite only. PostgreSQL writes the same bytes with `row_to_json` (its `json_build_object`
 * writes `"a" : 1`), but measured on the article page (1,000 sequential reads) the backend's CPU
 * went from 0.87–0.96 to 1.70–1.89 ms while Node's fell from 0.49–0.72 to 0.37–0.39 ms, and text
 * built with `to_json` and `||` cost the backend more still: on a machine where the database
 * shares the cores, more work in all. PostgreSQL keeps building the objects in Node.
 *
 * The bytes equal JSON.stringify's of the objects the other paths build (claim-json.e2e-spec) for
 * what the schema lets the application store: integers in INTEGER columns (SQLite writes a REAL
 * with 15 significant digits), text in TEXT columns, 0/1 in boolean ones, and foreign keys on (a
 * user reference with no user would be `"username":null` here and `"null"` there).
 *
 * Expressions are SQL text from the code, never from input; the names are the JSON members.
 */
export const sqliteJson = {
  /** A JSON object with these members, in this order (member name → SQL expression). */
  object: (members: [name: string, expression: string][]): string =>
    `json_object(${members.map(([name, expression]) => `'${name}', ${expression}`).join(', ')})`,
  /** `null` when `isNull` (SQL) holds, else the object. */
  objectOrNull: (isNull: string, members: [name: string, expression: string][]): string => `CASE WHEN ${isNull} THEN NULL ELSE ${sqliteJson.object(members)} END`,
  /**
   * A JSON array of `element` over the rows of `rest` (`FROM … WHERE …`), in `order`; `[]` when
   * none. Joined as text: json_group_array with ORDER BY loses its elements' JSON type in the sort.
   */
  array: (element: string, rest: string, order: string): string =>
    `json((SELECT '[' || COALESCE(group_concat(${element}, ',' ORDER BY ${order}), '') || ']' ${rest}))`,
  /** A 0/1 column as JSON true/false (a bare 0/1 would be a number). */
  boolean: (column: string): string => `CASE WHEN ${column} THEN json('true') ELSE json('false') END`,
};

/**
 * Whether this database writes the hot lists' JSON itself: SQLite from 3.44 (aggregate ORDER BY).
 * The sqlite3 package builds its own copy, 3.44.2; one built against an older system library
 * keeps the objects instead of failing every list.
 */
export function writesJson(manager: EntityManager): boolean {
  if (manager.connection.options.type !== 'sqlite') return false;
  // Read on first use: the module is loaded already on SQLite (and never on PostgreSQL).
  sqliteHasAggregateOrder ??= atLeast((require('sqlite3') as { VERSION: string }).VERSION, [3, 44]);
  return sqliteHasAggregateOrder;
}

let sqliteHasAggregateOrder: boolean | undefined;

function atLeast(version: string, wanted: number[]): boolean {
  const parts = version.split('.').map(Number);
  for (let i = 0; i < wanted.length; i++) if ((parts[i] ?? 0) !== wanted[i]) return (parts[i] ?? 0) > wanted[i];
  return true;
}
