import { Global, Module } from '@nestjs/common';
import { Env, loadEnv } from './env';

/** Provides the validated environment as `Env`; loading fails fast with the bad variable's name. */
@Global()
@Module({
  providers: [{ provide: Env, useFactory: () => loadEnv() }],
  exports: [Env],
})
export class ConfigModule {}
