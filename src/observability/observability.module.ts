import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ConfigModule } from '../config/config.module';
import { Env } from '../config/env';
import { HealthProbesController } from './health-probes.controller';
import { ALL_ROUTES, createLog, JsonLogger } from './logging';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { ShutdownMiddleware, ShutdownState } from './shutdown.state';

/**
 * Operations (issue 15, item 7): JSON logs with request ids, Prometheus metrics, liveness and
 * readiness probes. The per-request part (id, access line, timing) is `httpObserver`, mounted
 * by configureApp ahead of the body parsers; JsonLogger writes Nest's Logger lines with that id.
 */
@Module({
  imports: [
    ConfigModule,
    // Terminus logs nothing itself: a failing probe is answered 503 and counted by the access log.
    TerminusModule.forRoot({ logger: false }),
  ],
  controllers: [HealthProbesController, MetricsController],
  providers: [
    MetricsService,
    ShutdownState,
    ShutdownMiddleware,
    { provide: JsonLogger, inject: [Env], useFactory: (env: Env) => new JsonLogger(createLog(env.LOG_LEVEL)) },
  ],
  exports: [MetricsService, JsonLogger],
})
export class ObservabilityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ShutdownMiddleware).forRoutes(...ALL_ROUTES);
  }
}
