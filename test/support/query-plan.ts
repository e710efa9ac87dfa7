import { DataSource } from 'typeorm';

/**
 * The plan of `sql` (placeholders `?`, or `$n` already): SQLite's EXPLAIN QUERY PLAN, one detail
 * per line; PostgreSQL's EXPLAIN with sequential scans disabled, since the test tables are small
 * enough that it would rightly prefer them and the plan a large table gets is the one wanted.
 */
export async function queryPlan(dataSource: DataSource, sql: string, params: unknown[]): Promise<string> {
  if (dataSource.options.type !== 'postgres') {
    const rows: { detail: string }[] = await dataSource.query(`EXPLAIN QUERY PLAN ${sql}`, params);
    return rows.map((r) => r.detail).join('\n');
  }
  let n = 0;
  const numbered = sql.replace(/\?/g, () => `$${++n}`);
  const runner = dataSource.createQueryRunner();
  try {
    await runner.startTransaction();
    await runner.query('SET LOCAL enable_seqscan = off');
    const rows: { 'QUERY PLAN': string }[] = await runner.query(`EXPLAIN ${numbered}`, params);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}
