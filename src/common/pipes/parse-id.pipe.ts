import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

/** Ids are 32-bit integers on both databases (SQLite would take more; PostgreSQL's integer would not). */
export const MAX_ID = 2_147_483_647;

/** A path id: a positive 32-bit integer, or 400 naming the parameter (never a database error). */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const id = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!(id >= 1 && id <= MAX_ID)) {
      const field = metadata.data ?? 'id';
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `${field} must be a positive integer id.`,
        errors: [{ field, reason: `must be an integer from 1 to ${MAX_ID}` }],
      });
    }
    return id;
  }
}
