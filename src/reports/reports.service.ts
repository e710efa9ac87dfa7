import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Env } from '../config/env';
import { ReportWriter } from './report-writer';
import reportSchema from './report.schema.json';

export type { OpenedReport, ReportAuthor, ReportRequest } from './report-writer';

/** The report's own time: the one clock reading a report contains. Tests fix it so bytes are stable. */
@Injectable()
export class ReportClock {
  now(): Date {
    return new Date();
  }
}

/** Sourced reports for the API, the web pages and the public pages: the report writer on the app's data source. */
@Injectable()
export class ReportsService extends ReportWriter {
  constructor(@InjectDataSource() dataSource: DataSource, env: Env, clock: ReportClock) {
    super(dataSource, env, () => clock.now());
  }

  schema(): object {
    return reportSchema;
  }
}
