import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { h } from './jsx';
import { Layout } from './views/layout';
import type { WebRequest } from './session';
import { SignInRequired } from './web.guard';

/**
 * Errors on web pages become pages: a missing session redirects to the sign-in page, an
 * HttpException shows its message with its status, anything else is logged and shown as a
 * generic error without internals.
 */
@Catch()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Web');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<WebRequest>();
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    if (exception instanceof SignInRequired) {
      const next = exception.next && exception.next !== '/' ? `?next=${encodeURIComponent(exception.next)}` : '';
      response.redirect(303, `/login${next}`);
      return;
    }
    let status = 500;
    let message = 'Something went wrong on our side; it has been logged.';
    if (exception instanceof HttpException) {
      status = exception.getStatus();
      const body = exception.getResponse();
      message = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? exception.message);
    } else {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    const viewer = request.user && request.csrfToken ? { user: request.user, csrf: request.csrfToken } : null;
    const title = status === 404 ? 'Not found' : status === 403 ? 'Not allowed' : status >= 500 ? 'Error' : 'Cannot do that';
    response
      .status(status)
      .type('html')
      .send(
        Layout({
          title,
          viewer,
          children: (
            <section class="error-page">
              <h1>{title}</h1>
              <p role="alert">{message}</p>
              <p>
                <a href="/articles">Back to the articles</a>
              </p>
            </section>
          ),
        }),
      );
  }
}
