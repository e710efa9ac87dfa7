import { buildTemplate, TEMPLATE_ENV } from './database';
import { ensureOpenApiMetadata } from './openapi-metadata';

export default async function globalSetup(): Promise<void> {
  ensureOpenApiMetadata();
  process.env[TEMPLATE_ENV] = await buildTemplate();
}
