import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { JsonText, jsonWithArray } from '../json-text';

export class PageQueryDto {
  /** 1-based page number. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page: number = 1;

  /** Items per page (at most 200). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize: number = 50;

  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

export class Page<T> {
  items: T[];
  total: number;
  /** Present (true) only when counting stopped at `total`: there are at least that many matches. */
  totalAtLeast?: true;
  page: number;
  pageSize: number;
}

export function page<T>(items: T[], total: number, query: PageQueryDto, atLeast = false): Page<T> {
  return atLeast ? { items, total, totalAtLeast: true, page: query.page, pageSize: query.pageSize } : { items, total, page: query.page, pageSize: query.pageSize };
}

/** page() with items already written as JSON (one text each): the same members in the same order, written as JSON.stringify would. */
export function pageJson<T>(items: string[], total: number, query: PageQueryDto, atLeast = false): JsonText<Page<T>> {
  return jsonWithArray(page<T>([], total, query, atLeast), 'items', items);
}
