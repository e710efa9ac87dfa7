/**
 * Folds text for search: Unicode compatibility decomposition, combining marks removed, lower
 * case. `Roudskoï` → `roudskoi`, `Écrit` → `ecrit`, typographic apostrophes → `'`. Stored next
 * to the original, so accent-insensitive search is a plain LIKE on SQLite and PostgreSQL alike.
 */
export function fold(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase();
}

/** A LIKE pattern that matches `term` anywhere, with LIKE's wildcards escaped (use with `ESCAPE '\'`). */
export function containsPattern(term: string): string {
  return containsFolded(fold(term));
}

/** containsPattern of a term that is folded already. */
export function containsFolded(folded: string): string {
  return `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
