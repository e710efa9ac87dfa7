import { Module } from '@nestjs/common';
import { SecuritySettingsController, TwoFactorController, UserTwoFactorController } from './two-factor.controller';
import { TwoFactorService } from './two-factor.service';

/** TOTP second factor, recovery codes and the desk's two-factor policy (issue 16). */
@Module({ controllers: [TwoFactorController, UserTwoFactorController, SecuritySettingsController], providers: [TwoFactorService], exports: [TwoFactorService] })
export class TwoFactorModule {}
