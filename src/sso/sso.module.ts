import { Module } from '@nestjs/common';
import { SsoService } from './sso.service';

/** Single sign-on with an OpenID Connect provider (issue 16); its pages are in src/web/sso.web.controller.ts. */
@Module({ providers: [SsoService], exports: [SsoService] })
export class SsoModule {}
