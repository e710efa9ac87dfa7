import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp, prepareDatabase } from '../../src/bootstrap';
import { LeanExpressAdapter } from '../../src/common/lean-express.adapter';
import { Role } from '../../src/users/user.entity';
import { UsersService } from '../../src/users/users.service';
import { dropDatabase, freshDatabaseUrl } from './database';
import { OpenApiContract } from './openapi-contract';
import { METADATA_FILE } from './openapi-metadata';

export interface SignedIn {
  id: number;
  username: string;
  role: Role;
  token: string;
  /** `Authorization` header value. */
  auth: string;
}

/**
 * The real AppModule over HTTP, on its own database copied from the migrated template. Nothing
 * of our own is mocked.
 */
export class TestApp {
  private counter = 0;

  private constructor(
    readonly app: NestExpressApplication,
    private readonly contract: OpenApiContract,
    readonly dataSource: DataSource,
    readonly databaseUrl: string,
    private readonly ownsDatabase: boolean,
  ) {}

  /**
   * On a fresh database of its own, or on `databaseUrl` (another instance's, say), which
   * `close()` then leaves in place. `prepare` runs the server's start-up on the database
   * (migrations; with firstStart, the admin account and the sample) as `npm start` does.
   */
  static async start(options: { databaseUrl?: string; prepare?: { firstStart: boolean } } = {}): Promise<TestApp> {
    const databaseUrl = options.databaseUrl ?? (await freshDatabaseUrl());
    process.env.DATABASE_URL = databaseUrl;
    // The @nestjs/swagger plugin's metadata (test/support/openapi-metadata.ts): the document as `nest build` makes it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    await SwaggerModule.loadPluginMetadata(require(METADATA_FILE).default);
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>(new LeanExpressAdapter(), { bodyParser: false, logger: ['error', 'warn'] });
    configureApp(app);
    await app.init();
    if (options.prepare) await prepareDatabase(app, options.prepare);
    const contract = await OpenApiContract.load(app.getHttpServer());
    return new TestApp(app, contract, app.get<DataSource>(getDataSourceToken()), databaseUrl, !options.databaseUrl);
  }

  /**
   * Requests to the app; every API response is checked against the served OpenAPI document
   * (openapi-contract.ts) and a mismatch fails the request like a failed `expect`.
   */
  get http(): TestAgent {
    const agent = request(this.app.getHttpServer());
    return new Proxy(agent, {
      get: (target, name, receiver) => {
        const value = Reflect.get(target, name, receiver);
        if (typeof name !== 'string' || !['get', 'post', 'put', 'patch', 'delete', 'head', 'options'].includes(name)) return value;
        return (url: string, ...rest: unknown[]) => {
          const test = (value as (url: string, ...rest: unknown[]) => request.Test).call(target, url, ...rest);
          // supertest runs assertions synchronously: the contract is loaded in start().
          return test.expect((response: request.Response) => {
            const problems = this.contract.problems(name, url, response);
            if (problems.length) throw new Error(`The response does not match the OpenAPI document:\n${problems.join('\n')}`);
          });
        };
      },
    });
  }

  /** Creates a user with the role and signs them in over HTTP. */
  async signIn(role: Role, username = `${role}${++this.counter}`): Promise<SignedIn> {
    const password = `password-of-${username}`;
    const user = await this.app.get(UsersService).create(null, { username, role, password });
    const response = await this.http.post('/api/auth/login').send({ username, password }).expect(200);
    const token = response.body.token as string;
    return { id: user.id, username, role, token, auth: `Bearer ${token}` };
  }

  /** Listens on a free port of the loopback interface (for a real browser); returns the base URL. */
  async listen(): Promise<string> {
    await this.app.listen(0, '127.0.0.1');
    const address = this.app.getHttpServer().address() as { port: number };
    return `http://127.0.0.1:${address.port}`;
  }

  async count(table: string): Promise<number> {
    const rows: { n: string | number }[] = await this.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
    return Number(rows[0].n);
  }

  async close(): Promise<void> {
    await this.app.close();
    if (this.ownsDatabase) await dropDatabase(this.databaseUrl);
  }
}
