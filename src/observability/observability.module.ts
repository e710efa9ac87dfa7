import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule } from '../config/config.module';
import { Env } from '../config/env';
import { HealthProbesController } from './health-probes.controller';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { ALL_ROUTES, loggingParams } from './logging';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { ShutdownMiddleware, ShutdownState } from './shutdown.state';

/** Operations (issue 15, item 7): JSON logs with request ids, Prometheus metrics, liveness and readiness probes. */
@Module({
  imports: [
    LoggerModule.forRootAsync({ imports: [ConfigModule], inject: [Env], useFactory: loggingParams }),
    // Terminus logs nothing itself: a failing probe is answered 503 and counted by the access log.
    TerminusModule.forRoot({ logger: false }),
  ],
  controllers: [HealthProbesController, MetricsController],
  providers: [MetricsService, ShutdownState, HttpMetricsMiddleware, ShutdownMiddleware],
  exports: [MetricsService],
})
export class ObservabilityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware, ShutdownMiddleware).forRoutes(...ALL_ROUTES);
  }
}
