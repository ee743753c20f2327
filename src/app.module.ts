import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { AttachmentsModule } from './attachments/attachments.module.js';
import { AuthModule } from './auth/auth.module.js';
import { Clock } from './clock/clock.js';
import { ChannelsModule } from './channels/channels.module.js';
import { ChecklistModule } from './checklist/checklist.module.js';
import { ClockModule } from './clock/clock.module.js';
import { ComplianceModule } from './compliance/compliance.module.js';
import { BulletinModule } from './bulletin/bulletin.module.js';
import { FollowUpsModule } from './follow-ups/follow-ups.module.js';
import { JointModule } from './joint/joint.module.js';
import { DispatchModule } from './dispatch/dispatch.module.js';
import { ProblemsModule } from './problems/problems.module.js';
import { PlacesModule } from './places/places.module.js';
import { ResidentsModule } from './residents/residents.module.js';
import type { AppConfig } from './config/app-config.js';
import { PolicyConfigModule } from './config/config.module.js';
import type { Policy } from './config/policy.js';
import { dataSourceOptions } from './database/data-source.js';
import { planCachingClient } from './database/plan-cache.js';
import { DatabaseModule } from './database/database.module.js';
import { EventsModule } from './events/events.module.js';
import { HealthModule } from './health/health.module.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { LeaderReportsModule } from './leader-reports/leader-reports.module.js';
import { ExtensionsModule } from './extensions/extensions.module.js';
import { SupervisionModule } from './supervision/supervision.module.js';
import { LiveModule } from './live/live.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { OrgModule } from './org/org.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { RiskModule } from './risk/risk.module.js';
import { ScoringModule } from './scoring/scoring.module.js';
import { SchedulerModule } from './scheduler/scheduler.module.js';
import { ScriptsModule } from './scripts/scripts.module.js';
import { SlaModule } from './sla/sla.module.js';
import { TicketsModule } from './tickets/tickets.module.js';

export interface AppModuleOptions {
  config: AppConfig;
  policy: Policy;
  databaseUrl: string;
  /** Tests pass a ManualClock; production uses the system clock. */
  clock?: Clock;
}

/** The serving app's pool: the base options, with the intake's plans kept per connection unless DATABASE_PLAN_CACHE=off. */
function servingDataSource(options: AppModuleOptions): TypeOrmModuleOptions {
  const base = dataSourceOptions(options.databaseUrl, options.config.dbPoolSize);
  const extra = options.config.dbPlanCache ? { ...base.extra, Client: planCachingClient() } : base.extra;
  return { ...base, extra, autoLoadEntities: true } as TypeOrmModuleOptions;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PolicyConfigModule.forRoot(options.config, options.policy),
        options.clock ? { module: ClockModule, global: true, providers: [{ provide: Clock, useValue: options.clock }], exports: [Clock] } : ClockModule,
        TypeOrmModule.forRoot(servingDataSource(options)),
        ScheduleModule.forRoot(),
        DatabaseModule,
        EventsModule,
        IdempotencyModule,
        AuthModule,
        OrgModule,
        TicketsModule,
        PlacesModule,
        NotificationsModule,
        ChannelsModule,
        SlaModule,
        ChecklistModule,
        FollowUpsModule,
        JointModule,
        DispatchModule,
        LeaderReportsModule,
        ExtensionsModule,
        SupervisionModule,
        AttachmentsModule,
        ResidentsModule,
        ProblemsModule,
        RiskModule,
        ComplianceModule,
        BulletinModule,
        ScriptsModule,
        LiveModule,
        SchedulerModule,
        HealthModule,
        ScoringModule,
        ReportsModule,
      ],
    };
  }
}
