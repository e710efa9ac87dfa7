import { applyDecorators, Controller, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import type { FieldError } from '../common/errors';
import { localiseErrorBody } from '../common/error-codes';
import { DEFAULT_LANGUAGE, Lang, t } from '../i18n/i18n';
import { WebExceptionFilter } from './web-exception.filter';
import { WebGuard } from './web.guard';
import type { WebResult } from './web.types';

/**
 * A controller of web pages: outside the API's bearer-token guard (the pages have their own,
 * cookie-based WebGuard with CSRF checks), errors rendered as pages, left out of the OpenAPI document.
 */
export function WebController(prefix = ''): ClassDecorator {
  return applyDecorators(Controller(prefix), Public(), UseGuards(WebGuard), UseFilters(WebExceptionFilter), ApiExcludeController());
}

/** Sends a page, or a 303 See Other after a successful form post (so a reload does not post again). */
export function reply(response: Response, result: WebResult): void {
  response.setHeader('Cache-Control', 'no-store');
  if ('redirect' in result) response.redirect(303, result.redirect);
  else response.status(result.status ?? 200).type('html').send(result.html);
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    return [...Object.values(error.constraints ?? {}).map((reason) => ({ field, reason })), ...flatten(error.children ?? [], field)];
  });
}

/**
 * Validates a form's values with the API's own DTO class, so a form accepts exactly what the API
 * accepts. Returns the typed input, or the field errors to show next to the form.
 */
export async function validateAs<T extends object>(
  cls: new () => T,
  plain: Record<string, unknown>,
): Promise<{ ok: true; value: T } | { ok: false; errors: FieldError[] }> {
  const value = plainToInstance(cls, plain);
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: true });
  return errors.length ? { ok: false, errors: flatten(errors) } : { ok: true, value };
}

/** The message and field errors of a refused service call (422, 409, ...), for showing on the form, in the page's language. */
export function problemOf(error: unknown, lang: Lang = DEFAULT_LANGUAGE): { message: string; errors: FieldError[]; status: number } | null {
  const http = error as { getStatus?: () => number; getResponse?: () => unknown };
  if (typeof http?.getStatus !== 'function') return null;
  const status = http.getStatus();
  if (status < 400 || status >= 500 || status === 401 || status === 403 || status === 404) return null;
  const raw = http.getResponse!() as Record<string, unknown> | string;
  const body = localiseErrorBody(status, typeof raw === 'string' ? { message: raw } : raw, lang) as { message?: unknown; errors?: FieldError[] };
  return { message: String(body.message || t(lang, 'error.status.422')), errors: body.errors ?? [], status };
}

/** A form field as a string ('' when missing or repeated oddly). */
export function field(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '';
}

/** Where to go after signing in: only a path on this site. */
export function safeNext(next: string | undefined): string {
  return next && /^\/(?![/\\])/.test(next) ? next : '/articles';
}

/** The largest page number a list accepts (PageQueryDto's limit). */
export const MAX_PAGE = 1_000_000;

/**
 * A `?page=` value as a page number: garbage means the first page, and a number beyond the
 * API's limit is clamped to it (a database would refuse an offset too large for an integer).
 */
export function pageNumber(raw: unknown): number {
  if (typeof raw !== 'string' || !/^\d{1,30}$/.test(raw.trim())) return 1;
  return Math.min(MAX_PAGE, Math.max(1, Number(raw.trim())));
}
