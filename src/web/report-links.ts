import { Injectable } from '@nestjs/common';

/** The report formats offered on the article page (filled in when the report service exists). */
@Injectable()
export class ReportLinks {
  formats(): { format: string; label: string; newTab: boolean }[] {
    return [];
  }
}
