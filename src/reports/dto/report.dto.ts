import { IntersectionType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { ClaimListQueryDto } from '../../claims/dto/claim.dto';
import { type Lang, LANGUAGES } from '../../i18n/i18n';
import { CSV_ROWS, REPORT_FORMATS, type CsvRows, type ReportFormat } from '../report.model';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value);

export class ArticleReportQueryDto {
  /** `md` (default), `html`, `json`, `csv` or `claimreview` (schema.org JSON-LD, published verdicts only). */
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format: ReportFormat = 'md';

  /** Leave out every claim that is not published. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  publishedOnly: boolean = false;

  /**
   * The language of the human labels of Markdown and HTML reports (`en` by default). JSON, CSV
   * and ClaimReview keep their keys and values whatever the language, for machines.
   */
  @IsOptional()
  @IsIn(LANGUAGES)
  lang: Lang = 'en';

  /** CSV only: one row per claim (default) or one per attribution link. */
  @IsOptional()
  @IsIn(CSV_ROWS)
  rows: CsvRows = 'claims';
}

/** The claim-list filters, without paging or sorting: a report holds every match, in article order. */
export class ReportQueryDto extends IntersectionType(
  ArticleReportQueryDto,
  PickType(ClaimListQueryDto, ['status', 'kind', 'sourceId', 'sourceRole', 'unattributed', 'q', 'articleId', 'assigneeId'] as const),
) {}
