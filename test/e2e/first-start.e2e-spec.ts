import type { NestExpressApplication } from '@nestjs/platform-express';
import { startServer } from '../../src/bootstrap';
import { dropDatabase, emptyDatabaseUrl } from '../support/database';

/** `npm start` on an empty database prints the admin password last, after the route logs and the address. */
describe('First start', () => {
  let url: string;
  let app: NestExpressApplication | undefined;
  const saved = { DATABASE_URL: process.env.DATABASE_URL, PORT: process.env.PORT };

  afterAll(async () => {
    await app?.close();
    Object.assign(process.env, saved);
    if (url) await dropDatabase(url);
  });

  it('prints the admin password after the route logs and the "Serving on" line', async () => {
    url = await emptyDatabaseUrl();
    process.env.DATABASE_URL = url;
    process.env.PORT = '0';
    const printed: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    try {
      app = await startServer();
    } finally {
      spy.mockRestore();
    }
    const out = printed.join('');
    const password = /password: (\S+)/.exec(out)?.[1];
    expect(password).toBeDefined();
    const lastRoute = out.lastIndexOf('Mapped {');
    expect(lastRoute).toBeGreaterThan(0);
    expect(out.indexOf('Serving on')).toBeGreaterThan(lastRoute);
    expect(out.indexOf('First start: created the admin account.')).toBeGreaterThan(out.indexOf('Serving on'));
    expect(out.trimEnd().endsWith('it will not be shown again.')).toBe(true);
  });
});
