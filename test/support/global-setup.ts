import { buildTemplate, TEMPLATE_ENV } from './database';

export default async function globalSetup(): Promise<void> {
  process.env[TEMPLATE_ENV] = await buildTemplate();
}
