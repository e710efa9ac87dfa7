import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule } from '../config/config.module';
import { Env } from '../config/env';
import { HealthProbesController } from './health-probes.controller';
import { ALL_ROUTES, loggingParams } from './logging';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { ShutdownMiddleware, ShutdownState } from './shutdown.state';

/**
 * Operations (issue 15, item 7): JSON logs with request ids, Prometheus metrics, liveness and
 * readiness probes. The per-request part (id, access line, timing) is `httpObserver`, mounted
 * by configureApp ahead of the body parsers; nestjs-pino binds the id to Nest's Logger lines.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({ imports: [ConfigModule], inject: [Env], useFactory: loggingParams }),
    // Terminus logs nothing itself: a failing probe is answered 503 and counted by the access log.
    TerminusModule.forRoot({ logger: false }),
  ],
  controllers: [HealthProbesController, MetricsController],
  providers: [MetricsService, ShutdownState, ShutdownMiddleware],
  exports: [MetricsService],
})
export class ObservabilityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ShutdownMiddleware).forRoutes(...ALL_ROUTES);
  }
}
