import { BeforeApplicationShutdown, Injectable, NestMiddleware, OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';

/**
 * Whether the instance has begun shutting down (SIGTERM): /health/ready then answers 503.
 * Nest then closes the HTTP server, which stops accepting and waits for in-flight requests; Node
 * closes idle keep-alive sockets only once, at that moment, so a socket whose request finishes
 * afterwards would hold the process until its keep-alive timeout. Closing idle sockets every
 * 50 ms while shutting down ends them as soon as their last answer is sent.
 */
@Injectable()
export class ShutdownState implements BeforeApplicationShutdown, OnApplicationShutdown {
  shuttingDown = false;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (server && typeof server.closeIdleConnections === 'function') {
      this.sweeper = setInterval(() => server.closeIdleConnections(), 50);
      this.sweeper.unref();
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }
}

/**
 * While shutting down, answers carry `Connection: close`, so keep-alive clients do not send
 * further requests on a socket that would hold the server open until its keep-alive timeout.
 */
@Injectable()
export class ShutdownMiddleware implements NestMiddleware {
  constructor(private readonly state: ShutdownState) {}

  use(_request: Request, response: Response, next: NextFunction): void {
    if (this.state.shuttingDown) response.setHeader('Connection', 'close');
    next();
  }
}
