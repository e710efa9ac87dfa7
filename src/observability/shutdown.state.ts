import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';

/** Whether the instance has begun shutting down (SIGTERM): /health/ready then answers 503. */
@Injectable()
export class ShutdownState implements BeforeApplicationShutdown {
  shuttingDown = false;

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }
}
