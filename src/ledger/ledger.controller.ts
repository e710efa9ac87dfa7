import { ApiPageResponse } from '../openapi/api-responses';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Page } from '../common/dto/pagination.dto';
import { Json } from '../common/json-text';
import { LedgerQueryDto, LedgerRowDto, SourceLedgerDto } from './dto/ledger.dto';
import { LedgerService } from './ledger.service';

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('api')
export class LedgerController {
  constructor(private readonly ledger: LedgerService) {}

  /** Every source with claims, sorted by how many of its own published claims were rated false or misleading. */
  @ApiPageResponse(LedgerRowDto)
  @Get('ledger')
  list(@Query() query: LedgerQueryDto): Promise<Page<LedgerRowDto>> {
    return this.ledger.list(query);
  }

  /** One source's track record: its claims as speaker and as relay, with status, latest verdict and totals. */
  @ApiOkResponse({ type: SourceLedgerDto }) // written by SQLite as JSON (JsonText) or as the object
  @Get('sources/:id/ledger')
  forSource(@Param('id', ParseIdPipe) id: number, @Query() query: LedgerQueryDto): Promise<Json<SourceLedgerDto>> {
    return this.ledger.sourceLedgerForApi(id, query);
  }
}
