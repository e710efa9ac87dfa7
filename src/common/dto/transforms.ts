import { TransformFnParams } from 'class-transformer';
import type { IsURLOptions } from 'validator/lib/isURL';

/** Trims surrounding whitespace from typed-in names and titles (never from article bodies or quotes). */
export const trim = ({ value }: TransformFnParams): unknown => (typeof value === 'string' ? value.trim() : value);

/** Query strings carry booleans as text. */
export const toBoolean = ({ value }: TransformFnParams): unknown => (value === 'true' ? true : value === 'false' ? false : value);

/** `status=draft,submitted` → ['draft', 'submitted']. */
export const toList = ({ value }: TransformFnParams): unknown => (typeof value === 'string' ? value.split(',').filter(Boolean) : value);

/** Links must be http or https: no javascript:, data: or file: URLs reach a page or a report. */
export const HTTP_URL: IsURLOptions = { protocols: ['http', 'https'], require_protocol: true };
