import { DataSource } from 'typeorm';
import { loadEnv } from '../config/env';
import { dataSourceOptions } from './data-source';

/**
 * For TypeORM's own CLI, e.g. to draft a migration after changing an entity:
 * `npx typeorm migration:generate -d dist/src/database/typeorm-cli.js migrations/name`
 * (then read it and rewrite it with the QueryRunner schema API, so it stays portable).
 */
export default new DataSource(dataSourceOptions(loadEnv()));
