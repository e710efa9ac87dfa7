/**
 * An answer already written as JSON: a page of claims SQLite wrote (claim-reads.ts,
 * selectClaimJson). LeanExpressAdapter sends its text as it is. On the paths it leaves to Express
 * (HEAD, a conditional request) `res.json()` serialises it through `toJSON`: the same value, and
 * the same bytes, since the text is what JSON.stringify writes.
 */
export class JsonText {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}
