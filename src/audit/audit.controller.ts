import { ApiPageResponse } from '../openapi/api-responses';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { Page } from '../common/dto/pagination.dto';
import { AuditService } from './audit.service';
import { AuditEventDto, AuditQueryDto } from './dto/audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The whole audit log, by user, entity, claim, action and time range; oldest first (`order=desc` for newest). */
  @Roles('admin')
  @ApiPageResponse(AuditEventDto)
  @Get()
  list(@Query() query: AuditQueryDto): Promise<Page<AuditEventDto>> {
    return this.audit.list(query);
  }
}
