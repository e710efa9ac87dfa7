import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { requestLanguage, t } from '../i18n/i18n';
import { localiseErrorBody } from '../common/error-codes';
import { exceptionResponse, isUnexpected, setRetryAfter } from '../common/all-exceptions.filter';
import { h } from './jsx';
import { Layout } from './views/layout';
import type { WebRequest } from './session';
import { ResendForm, SignInRequired, TwoFactorEnrolmentRequired } from './web.guard';

/**
 * Errors on web pages become pages: a missing session redirects to the sign-in page; everything
 * else is classified as the API classifies it (exceptionResponse: an HttpException's own status
 * and message, a database unique or foreign-key violation as 409 or 422), and anything
 * unexpected is logged and shown as a generic error without internals.
 */
@Catch()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Web');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<WebRequest>();
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    if (exception instanceof ResendForm) {
      response.redirect(303, exception.page);
      return;
    }
    if (exception instanceof TwoFactorEnrolmentRequired) {
      response.redirect(303, '/account/two-factor');
      return;
    }
    if (exception instanceof SignInRequired) {
      const next = exception.next && exception.next !== '/' ? `?next=${encodeURIComponent(exception.next)}` : '';
      response.redirect(303, `/login${next}`);
      return;
    }
    // The API's mapping: HTTP errors as they are, constraint violations 409/422, the rest a logged 500.
    const { status, body: raw } = exceptionResponse(exception);
    const lang = requestLanguage(request);
    const body = localiseErrorBody(status, raw, lang);
    if (isUnexpected(exception, status)) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    const message = String(body.message ?? (exception instanceof HttpException ? exception.message : 'The request was refused.'));
    const viewer = request.user && request.csrfToken ? { user: request.user, csrf: request.csrfToken, lang } : null;
    setRetryAfter(response, body);
    const title = t(lang, status === 404 ? 'error.page.notFound' : status === 403 ? 'error.page.forbidden' : status >= 500 ? 'error.page.error' : 'error.page.refused');
    response
      .status(status)
      .type('html')
      .send(
        Layout({
          title,
          viewer,
          lang,
          children: (
            <section class="error-page">
              <h1>{title}</h1>
              <p role="alert">{message}</p>
              <p>
                <a href="/articles">{t(lang, 'error.page.back')}</a>
              </p>
            </section>
          ),
        }),
      );
  }
}
