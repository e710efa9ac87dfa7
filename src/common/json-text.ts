/**
 * An answer already written as JSON: a page whose items SQLite wrote (database/json-sql.ts: the
 * claim lists, the review queue, a source's ledger). LeanExpressAdapter sends its text as it is.
 * On the paths it leaves to Express (HEAD, a conditional request) `res.json()` serialises it
 * through `toJSON`: the same value, and the same bytes, since the text is what JSON.stringify writes.
 */
export class JsonText<T = unknown> {
  /** The value the text is the JSON of: for the reader and the compiler only. */
  declare readonly value?: T;

  constructor(readonly text: string) {}

  toJSON(): T {
    return JSON.parse(this.text) as T;
  }
}

/**
 * JSON.stringify(value), with its array member `key` (empty in `value`) holding these JSON texts:
 * an answer whose list the database wrote as JSON. `"key":[]` must occur once in the serialised
 * value (inside a JSON string its quotes would be escaped), so nothing else in it may be an empty
 * `key` array; a value that breaks this is a programming error, and throws.
 */
export function jsonWithArray<T extends object>(value: T, key: keyof T & string, items: string[]): JsonText<T> {
  const text = JSON.stringify(value);
  const member = `${JSON.stringify(key)}:[]`;
  const at = text.indexOf(member);
  if (at < 0 || text.indexOf(member, at + 1) >= 0) throw new Error(`jsonWithArray: ${member} must occur once in the value`);
  const open = at + member.length - 1; // between the brackets
  return new JsonText<T>(`${text.slice(0, open)}${items.join(',')}${text.slice(open)}`);
}

/** An answer as objects, or as the database's JSON of them (SQLite: database/json-sql.ts). */
export type Json<T> = T | JsonText<T>;
