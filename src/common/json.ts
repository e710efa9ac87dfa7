const UNSAFE_IN_HTML = /[<>&\u2028\u2029]/g;

/**
 * JSON that may be embedded in an HTML `<script>` element (ClaimReview JSON-LD) or in JavaScript:
 * `<`, `>`, `&`, U+2028 and U+2029 are written as `\u003c` … escapes. JSON parsers read the same
 * value back, but `</script>` or `<!--` in user text can no longer end the element or open a
 * comment, and the two line separators cannot break a JavaScript string. These characters only
 * occur inside JSON strings, where a `\u` escape is always valid.
 */
export function embeddableJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(UNSAFE_IN_HTML, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
