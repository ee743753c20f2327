import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IANAZone } from 'luxon';
import { ROLES, type Role } from './roles.js';
import { LANGUAGE_ACTIONS, type LanguageAction } from './service-language-categories.js';
import { registerDecorator, type ValidationOptions } from 'class-validator';

function IsTimeZone(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName,
      options: { message: 'must be an IANA time zone such as Asia/Shanghai', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && IANAZone.isValidZone(value) },
    });
}

const HHMM = /^([01]\d|2[0-4]):[0-5]\d$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class CompanyPolicy {
  @IsString() @IsNotEmpty() @MaxLength(60) name!: string;
  /** Business time zone: deadlines, reference numbers and statistical months are computed in it. */
  @IsTimeZone() timeZone!: string;
  /** DESIGN decision 7: the statistical month starts on this day of the calendar month. */
  @IsInt() @Min(1) @Max(28) statisticalMonthStartDay: number = 1;
}

export class IntakePolicy {
  /** 第一篇 二.3: complaints registered after they arrived may be back-dated at most this far. */
  @IsInt() @Min(0) @Max(60 * 24 * 90) maxBackdateMinutes: number = 7 * 24 * 60;
  @Matches(/^[A-Z]{1,6}$/) referencePrefix: string = 'TS';
  /** 第九条, DESIGN decision 9: intake looks up the caller's open tickets (same phone and category) and asks same or new matter. */
  @IsBoolean() linkRepeatContacts: boolean = true;
  /** DESIGN decision 9: the most open tickets an intake lists as matches. */
  @IsInt() @Min(1) @Max(20) maxMatches: number = 5;
}

export class Slot {
  @Matches(HHMM, { message: 'must be HH:mm' }) start!: string;
  @Matches(HHMM, { message: 'must be HH:mm' }) end!: string;
}

export class WeekSlots {
  @IsOptional() @ValidateNested({ each: true }) @Type(() => Slot) 1?: Slot[];
  @IsOptional() @ValidateNested({ each: true }) @Type(() => Slot) 2?: Slot[];
  @IsOptional() @ValidateNested({ each: true }) @Type(() => Slot) 3?: Slot[];
  @IsOptional() @ValidateNested({ each: true }) @Type(() => Slot) 4?: Slot[];
  @IsOptional() @ValidateNested({ each: true }) @Type(() => Slot) 5?: Slot[];
  @IsOptional() @ValidateNested({ each: true }) @Type(() => Slot) 6?: Slot[];
  @IsOptional() @ValidateNested({ each: true }) @Type(() => Slot) 7?: Slot[];
}

export class CalendarDefinition {
  @IsIn(['continuous', 'working_hours']) kind!: 'continuous' | 'working_hours';
  @IsOptional() @ValidateNested() @Type(() => WeekSlots) week?: WeekSlots;
  @IsBoolean() useStatutoryHolidays: boolean = true;
  @IsArray() @Matches(DAY, { each: true, message: 'each must be YYYY-MM-DD' }) extraHolidays: string[] = [];
  @IsArray() @Matches(DAY, { each: true, message: 'each must be YYYY-MM-DD' }) extraWorkdays: string[] = [];
}

/** Clock spans for one category; every field may be overridden per category. */
export class SlaSpans {
  @IsString() @IsNotEmpty() calendar: string = 'continuous';
  /** 第六条: resolved or answered within 24 hours of receipt. */
  @IsInt() @Min(1) @Max(60 * 24 * 60) responseMinutes: number = 24 * 60;
  @IsInt() @Min(1) @Max(99) warnAtPercent: number = 75;
  /** A ticket with no activity this long is stale and escalates like a breach. */
  @IsInt() @Min(1) @Max(60 * 24 * 60) staleMinutes: number = 48 * 60;
  /** 第二条: 处理完毕立即回访 — the follow-up visit is due this long after resolution. */
  @IsInt() @Min(1) @Max(60 * 24 * 60) followUpMinutes: number = 24 * 60;
  /** 第一篇 二.4(3): a written reply for a referred-out matter when the resident asks for one. */
  @IsInt() @Min(1) @Max(60 * 24 * 90) writtenReplyMinutes: number = 7 * 24 * 60;
  /** 第七条(六): a major complaint is reported to the supervisor or leaders at once. */
  @IsInt() @Min(1) @Max(60 * 24 * 7) reportMinutes: number = 60;
  /** DESIGN decision 2: clocks do not pause unless the policy allows it. */
  @IsBoolean() pauseAllowed: boolean = false;
}

export class SlaSpansOverride {
  @IsOptional() @IsString() @IsNotEmpty() calendar?: string;
  @IsOptional() @IsInt() @Min(1) @Max(60 * 24 * 60) responseMinutes?: number;
  @IsOptional() @IsInt() @Min(1) @Max(99) warnAtPercent?: number;
  @IsOptional() @IsInt() @Min(1) @Max(60 * 24 * 60) staleMinutes?: number;
  @IsOptional() @IsInt() @Min(1) @Max(60 * 24 * 60) followUpMinutes?: number;
  @IsOptional() @IsInt() @Min(1) @Max(60 * 24 * 90) writtenReplyMinutes?: number;
  @IsOptional() @IsInt() @Min(1) @Max(60 * 24 * 7) reportMinutes?: number;
  @IsOptional() @IsBoolean() pauseAllowed?: boolean;
}

/** 第三条: a suggestion's or an enquiry's response span; its other spans are its category's. */
export class KindSpans {
  @IsInt() @Min(1) @Max(60 * 24 * 60) responseMinutes!: number;
  @IsOptional() @IsInt() @Min(1) @Max(99) warnAtPercent?: number;
}

const kindSpans = (responseMinutes: number) => Object.assign(new KindSpans(), { responseMinutes });

/** 第三条: what intake records besides complaints (a complaint's spans are its category's, 第六条). */
export class KindPolicy {
  /** 建议: answered within 3 days (DESIGN decision 12). */
  @ValidateNested() @Type(() => KindSpans) suggestion: KindSpans = kindSpans(3 * 24 * 60);
  /** 咨询: answered within 24 hours (DESIGN decision 12). */
  @ValidateNested() @Type(() => KindSpans) enquiry: KindSpans = kindSpans(24 * 60);
}

export class EscalationStep {
  @IsInt() @Min(1) @Max(9) level!: number;
  /** Minutes after the breach (level 1 fires at the breach itself). */
  @IsInt() @Min(0) @Max(60 * 24 * 30) afterBreachMinutes!: number;
  @IsIn(['department_supervisor', 'managers']) notify!: 'department_supervisor' | 'managers';
}

/** 第七条(六), 第一篇 一.8: who the written report to company leaders goes to. */
export class LeaderReportPolicy {
  /** Company leaders are the active staff holding one of these roles (DESIGN: managers are company leaders). */
  @IsArray() @ArrayMaxSize(5) @IsIn(ROLES, { each: true }) recipientRoles: Role[] = ['manager'];
}

/** 延期: how much more time a ticket's handler may be given, in requests and in total length. */
export class ExtensionPolicy {
  /** Requests asked or approved per ticket (a refused one does not count). */
  @IsInt() @Min(0) @Max(20) maxPerTicket: number = 2;
  /** The total length of a ticket's asked or approved extensions, in minutes (beyond each clock's original deadline). */
  @IsInt() @Min(1) @Max(60 * 24 * 90) maxTotalMinutes: number = 4320;
}

/** 督办单: a manager's supervision order — its default span and when the responsible department is reminded (催办). */
export class SupervisionPolicy {
  /** Minutes from issue to the order's deadline when the order names no due time. */
  @IsInt() @Min(10) @Max(60 * 24 * 90) defaultSpanMinutes: number = 4320;
  /** Reminders to the responsible department's supervisor at these shares of the order's span (each once). */
  @IsArray() @ArrayMaxSize(5) @IsInt({ each: true }) @Min(1, { each: true }) @Max(99, { each: true }) remindAtPercent: number[] = [50, 90];
}

/** 派单/退单: a return reason a receiving department may name (非本部门职责, 信息不全, 属地不符, 权属不清…). */
export class DispatchReturnReason {
  @Matches(/^[a-z][a-z_]{1,29}$/, { message: 'must be a lower-case code such as not_our_duty' }) code!: string;
  @IsString() @IsNotEmpty() @MaxLength(40) label!: string;
}

/** 派单/签收/退单 (第一篇 一.8 及时转交): the sign-for span, its warning, the return reasons, and when returns reach company leaders. */
export class DispatchPolicy {
  /** Minutes, on the ticket's calendar, for the receiving department to sign for a dispatch (or return it). */
  @IsInt() @Min(5) @Max(60 * 24 * 7) signForMinutes: number = 60;
  /** The receiving department's supervisor is warned at this share of the sign-for span. */
  @IsInt() @Min(1) @Max(99) warnAtPercent: number = 75;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => DispatchReturnReason)
  returnReasons: DispatchReturnReason[] = [
    ['not_our_duty', '非本部门职责'],
    ['incomplete', '信息不全'],
    ['wrong_locality', '属地不符'],
    ['ownership', '权属不清'],
  ].map(([code, label]) => Object.assign(new DispatchReturnReason(), { code, label }));
  /** Minutes after an unsigned dispatch's breach (level 1, the receiving supervisor) that it goes to company leaders (level 2). */
  @IsInt() @Min(0) @Max(60 * 24 * 7) leadersAfterBreachMinutes: number = 240;
  /** The ticket's return that escalates to company leaders (the third, as the issue asks). */
  @IsInt() @Min(1) @Max(20) leadersAtReturn: number = 3;
}

/** 第二条, 第七条(三) 跟清楚: the first responder follows the tickets they handed off. */
export class FollowThroughPolicy {
  /** Local time (business time zone) from which the daily digest of open handed-off tickets goes out. */
  @Matches(HHMM, { message: 'must be HH:mm' }) digestAt: string = '08:30';
  /** The digest goes out on this calendar's working days (a `continuous` calendar: every day). */
  @IsString() @IsNotEmpty() digestCalendar: string = 'continuous';
}

export class SweepPolicy {
  @IsInt() @Min(1) @Max(3600) intervalSeconds: number = 30;
  @IsInt() @Min(1) @Max(10000) batchSize: number = 500;
}

/** How long records that are not evidence are kept before the scheduler deletes them. */
export class RetentionPolicy {
  /** A retried request within this time replays its first answer; older keys are purged. */
  @IsInt() @Min(1) @Max(24 * 90) idempotencyKeyHours: number = 24;
  /** Rows deleted per statement, so a purge never holds long locks. */
  @IsInt() @Min(1) @Max(100_000) purgeBatchSize: number = 1000;
}

export class OverreachPenalty {
  @IsInt() @Min(0) @Max(1000) supervisorPoints!: number;
  @IsInt() @Min(0) @Max(1000) handlerPoints!: number;
  @IsIn(['none', 'warning', 'disciplinary']) supervisorSanction!: 'none' | 'warning' | 'disciplinary';
}

export class OverreachTable {
  /** 第十条(一) */
  @IsDefined() @ValidateNested() @Type(() => OverreachPenalty) company!: OverreachPenalty;
  /** 第十条(二) */
  @IsDefined() @ValidateNested() @Type(() => OverreachPenalty) county!: OverreachPenalty;
  /** 第十条(三) */
  @IsDefined() @ValidateNested() @Type(() => OverreachPenalty) city!: OverreachPenalty;
}

export class PenaltyPolicy {
  @IsDefined() @ValidateNested() @Type(() => OverreachTable) overreach!: OverreachTable;
  /**
   * 第十条, DESIGN decision 4: a person who is both the supervisor and the responsible person (a supervisor handling
   * a major complaint) is charged once per overreach, at the larger amount. `false` charges both roles.
   */
  @IsBoolean() chargeOnce: boolean = true;
  /** 第十一条: points per valid complaint (the regulation counts them; points default to 0). */
  @IsInt() @Min(0) @Max(1000) validComplaintPoints: number = 0;
}

export class StandardPhrases {
  @IsString() @IsNotEmpty() greeting!: string;
  @IsString() @IsNotEmpty() hold!: string;
  @IsString() @IsNotEmpty() sorryToWait!: string;
  @IsString() @IsNotEmpty() transfer!: string;
  @IsString() @IsNotEmpty() message!: string;
  @IsString() @IsNotEmpty() callback!: string;
  /** The read-back; `{salutation}` is the caller's name with 先生（女士） added only when it has no honorific. */
  @IsString() @IsNotEmpty() @Matches(/\{salutation\}/, { message: 'must contain {salutation}' }) confirm!: string;
  @IsString() @IsNotEmpty() farewell!: string;
}

export class PhrasePolicy {
  @IsDefined() @ValidateNested() @Type(() => StandardPhrases) standard!: StandardPhrases;
}

/** One forbidden expression. `exact` matches it anywhere (substring), where word segmentation would miss it. */
export class ForbiddenPhrase {
  @IsString() @IsNotEmpty() @MaxLength(40) phrase!: string;
  @IsBoolean() exact: boolean = false;
}

/** A list entry is a plain phrase (matched on word boundaries) or `{ phrase, exact: true }`. */
const PhraseList = () =>
  Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
    const raw = obj[key];
    if (!Array.isArray(raw)) return raw === undefined ? [] : raw;
    return raw.map((entry: unknown) =>
      Object.assign(
        new ForbiddenPhrase(),
        typeof entry === 'string' ? { phrase: entry } : typeof entry === 'object' && entry !== null ? entry : { phrase: entry },
      ),
    );
  });

/** 员工文明服务要求 2.②「四个不讲」 and 第五条 不得推诿: the forbidden expressions, by category. */
export class ForbiddenCategories {
  /** 不讲低级庸俗的口头语 */
  @PhraseList() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) vulgar: ForbiddenPhrase[] = [];
  /** 不讲脏话 */
  @PhraseList() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) profanity: ForbiddenPhrase[] = [];
  /** 不讲讽刺挖苦话 */
  @PhraseList() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) sarcasm: ForbiddenPhrase[] = [];
  /** 不讲与管理无关的闲话 */
  @PhraseList() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) idle_talk: ForbiddenPhrase[] = [];
  /** 第五条: 不得推诿 */
  @PhraseList() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) buck_passing: ForbiddenPhrase[] = [];
}

/**
 * What happens to a reply that contains a forbidden expression, by how it reaches the resident: a written or
 * online one (sms, online, written) can still be stopped; a spoken one (phone, visit) was already said.
 */
export class ServiceLanguagePolicy {
  @IsIn(LANGUAGE_ACTIONS) written: LanguageAction = 'refuse';
  @IsIn(LANGUAGE_ACTIONS) spoken: LanguageAction = 'flag';
  @ValidateNested() @Type(() => ForbiddenCategories) forbidden: ForbiddenCategories = new ForbiddenCategories();
}

/**
 * Sign-in throttling, counted per fixed window in PostgreSQL (so it holds across instances). No count is
 * per username alone: a stranger who knows a username cannot lock its owner out; see the README.
 */
export class SignInThrottlePolicy {
  @IsInt() @Min(1) @Max(24 * 60) windowMinutes: number = 15;
  /** Failed sign-ins for one username from one client address per window. */
  @IsInt() @Min(1) @Max(100) perUsernameAndAddress: number = 5;
  /** Failed sign-ins from one client address, whatever the usernames, per window. */
  @IsInt() @Min(1) @Max(10000) perAddress: number = 30;
  /** Failed sign-ins for one username from all addresses per window: past this it is under attack … */
  @IsInt() @Min(1) @Max(10000) perUsername: number = 10;
  /** … and then every address gets only this many tries for it per window (slower, never closed). */
  @IsInt() @Min(1) @Max(100) perUsernameAndAddressUnderAttack: number = 1;
}

export class AuthPolicy {
  @IsInt() @Min(8) @Max(128) minPasswordLength: number = 8;
  @ValidateNested() @Type(() => SignInThrottlePolicy) throttle: SignInThrottlePolicy = new SignInThrottlePolicy();
}

/** Live event streams (GET /events/stream). */
export class LivePolicy {
  /** Open streams per person on one instance; opening one more closes that person's oldest. */
  @IsInt() @Min(1) @Max(100) maxStreamsPerPerson: number = 5;
  /** How often open streams are re-authorised (deactivation, role or department change, token expiry). */
  @IsInt() @Min(1) @Max(300) recheckSeconds: number = 5;
}

/** Ticket text search (GET /tickets?q=). */
export class SearchPolicy {
  /**
   * How many of the newest tickets a search reads before it asks the grams index: a common term fills
   * its page among them at the cost of a short index walk, a rarer one goes to the index.
   */
  @IsInt() @Min(1) @Max(100_000) recentWindow: number = 5000;
}

export class FollowUpPolicy {
  /** 回访: failed attempts to reach the resident before the visit may be recorded as unreachable. */
  @IsInt() @Min(1) @Max(20) attemptsBeforeUnreachable: number = 3;
}

export const APPOINTMENT_RESPONSE_CLOCK = ['met', 'paused'] as const;
export const AFTER_NO_SHOW = ['respond', 'rebook'] as const;

/** 第一篇 二.4(5) 约谈: a meeting agreed with the resident at a set time, on a clock of its own (DESIGN decision 10). */
export class AppointmentPolicy {
  /** The meeting (held, or a no-show) must be recorded within this after the appointment time, or the appointment clock breaches. */
  @IsInt() @Min(0) @Max(60 * 24 * 7) graceMinutes: number = 120;
  /** The handler is reminded (the clock's warning) this long before the appointment. */
  @IsInt() @Min(0) @Max(60 * 24 * 7) reminderMinutes: number = 60;
  /** An appointment lies at most this many days ahead. */
  @IsInt() @Min(1) @Max(365) maxAheadDays: number = 30;
  /** 第六条: `met`: the agreed appointment answers the resident within 24 hours; `paused`: the 24 hours pause until the appointment. */
  @IsIn(APPOINTMENT_RESPONSE_CLOCK) responseClock: (typeof APPOINTMENT_RESPONSE_CLOCK)[number] = 'met';
  /** After a no-show: `respond`: the resident is owed an answer within the response span from the no-show; `rebook`: nothing starts until another date is booked. */
  @IsIn(AFTER_NO_SHOW) afterNoShow: (typeof AFTER_NO_SHOW)[number] = 'respond';
}

/** 联合办理: a co-department's task on a ticket led by another department. */
export class JointPolicy {
  /** A co-department's task is due this long after it is given, unless the lead names a due time. */
  @IsInt() @Min(1) @Max(60 * 24 * 30) taskMinutes: number = 1440;
  /** A co-department still sees the ticket this many days after its task is signed off. */
  @IsInt() @Min(0) @Max(365) visibilityDaysAfterSignOff: number = 7;
  /** The task's handler is warned at this share of its span; at its due time it breaches and escalates on the `escalation` steps. */
  @IsInt() @Min(1) @Max(99) warnAtPercent: number = 75;
}

/** 通报: the monthly bulletin's targets, as shares (0.95 = 95 %); a department below one is listed first, the target named. */
export class BulletinTargets {
  /** 第六条: answers within the 24-hour clock, judged against the original deadline. */
  @IsNumber() @Min(0) @Max(1) responseOnTime: number = 0.95;
  /** Resolutions by the deadline they were promised. */
  @IsNumber() @Min(0) @Max(1) resolutionOnTime: number = 0.9;
  /** Follow-ups answered 满意 or 基本满意. */
  @IsNumber() @Min(0) @Max(1) satisfaction: number = 0.9;
  /** 督办单 whose written feedback was accepted by their deadline. */
  @IsNumber() @Min(0) @Max(1) supervisionOnTime: number = 0.9;
  /** 派单 signed for within dispatch.signForMinutes. */
  @IsNumber() @Min(0) @Max(1) signForOnTime: number = 0.9;
}

export class BulletinPolicy {
  @ValidateNested() @Type(() => BulletinTargets) targets: BulletinTargets = new BulletinTargets();
}

/** The file types an attachment may be: each is recognised by its magic bytes (src/attachments/file-type.ts). */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/heic', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** 第一篇 二.3: the materials a resident hands in (photos, documents), attached to a ticket, a reply or a follow-up. */
export class AttachmentPolicy {
  /** Largest file accepted, in bytes (after base64 decoding). */
  @IsInt() @Min(1024) @Max(50 * 1024 * 1024) maxBytes: number = 10 * 1024 * 1024;
  @IsInt() @Min(1) @Max(500) maxFilesPerTicket: number = 20;
  /** Types accepted, as recognised from the content; the declared type must agree. */
  @IsArray() @ArrayMaxSize(ATTACHMENT_TYPES.length) @IsIn(ATTACHMENT_TYPES, { each: true }) allowedTypes: AttachmentType[] = [
    'image/jpeg',
    'image/png',
    'image/webp',
    'application/pdf',
  ];
  /** HR sees a ticket's residents' data masked: by default it sees the attachments' metadata, not their content. */
  @IsBoolean() hrSeesContent: boolean = false;
}

export class ProblemPolicy {
  /** 第九条: this many complaints of one category at one place within the window make a recurring problem. */
  @IsInt() @Min(2) @Max(100) threshold: number = 3;
  @IsInt() @Min(1) @Max(365) windowDays: number = 30;
  /** The place: the building (community + building), or the whole community. */
  @IsIn(['building', 'community']) scope: 'building' | 'community' = 'building';
}

/** The place register (小区/楼栋/单元/房号): the type-ahead's list and the CSV import's caps. */
export class PlacePolicy {
  /** Places a type-ahead answers with when the request names no limit. */
  @IsInt() @Min(1) @Max(200) typeAheadLimit: number = 20;
  /** Lines of one CSV import (a large estate has a few thousand rooms). */
  @IsInt() @Min(1) @Max(200_000) importMaxRows: number = 20_000;
  /** Bytes of one CSV import: the route's own body limit (413 beyond it). */
  @IsInt() @Min(1024) @Max(50 * 1024 * 1024) importMaxBytes: number = 2 * 1024 * 1024;
}

export class VenueWord {
  @IsString() @IsNotEmpty() @MaxLength(40) word!: string;
  @IsInt() @Min(0) @Max(100) weight!: number;
}

/** Overreach risk (第十条): how likely a resident is to go over the company's head; every weight is points of 100. */
export class RiskWeights {
  @IsInt() @Min(0) @Max(100) breachedClock: number = 30;
  @IsInt() @Min(0) @Max(100) nearlyBreachedClock: number = 15;
  @IsInt() @Min(0) @Max(100) repeatContact: number = 10;
  @IsInt() @Min(0) @Max(100) maxRepeatContacts: number = 3;
  @IsInt() @Min(0) @Max(100) major: number = 15;
  @IsInt() @Min(0) @Max(100) agePerDay: number = 4;
  @IsInt() @Min(0) @Max(365) maxAgeDays: number = 5;
  @IsInt() @Min(0) @Max(100) dissatisfiedFollowUp: number = 25;
  @IsInt() @Min(0) @Max(100) reopen: number = 15;
  @IsInt() @Min(0) @Max(100) maxReopens: number = 2;
  @IsInt() @Min(0) @Max(100) maxVenuePoints: number = 40;
}

export class RiskPolicy {
  /** At or above this score the console shows the ticket as high risk. */
  @IsInt() @Min(1) @Max(100) highAt: number = 60;
  @ValidateNested() @Type(() => RiskWeights) weights: RiskWeights = new RiskWeights();
  /** Words in the complaint that name an outside venue (12345, 市长热线, 媒体…): each found adds its weight once. */
  @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => VenueWord) venues: VenueWord[] = [];
}

export const CHANNEL_KINDS = ['webhook', 'wecom', 'dingtalk', 'feishu', 'sms'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
const ENV_NAME = /^[A-Z][A-Z0-9_]{2,63}$/;
const ENV_MESSAGE = { message: 'must name an environment variable (A-Z, 0-9, _), not hold the secret itself' };

/**
 * One outgoing channel endpoint. Secrets are never in this file: `secretEnv` / `keyEnv` name the environment
 * variables that hold them (webhook signing secret; WeCom robot key; DingTalk access token and signing secret; Feishu hook token and signing secret;
 * Tencent Cloud SecretId and SecretKey), checked at start-up.
 */
export class ChannelEndpoint {
  @Matches(/^[a-z][a-z0-9-]{1,39}$/, { message: 'must be a short name such as ops-webhook' }) name!: string;
  @IsIn(CHANNEL_KINDS) kind!: ChannelKind;
  @Matches(/^https?:\/\/[^\s?#]+$/, { message: 'must be an http(s) URL without query (keys go in keyEnv)' }) url!: string;
  @IsOptional() @Matches(ENV_NAME, ENV_MESSAGE) secretEnv?: string;
  @IsOptional() @Matches(ENV_NAME, ENV_MESSAGE) keyEnv?: string;
  /** Event names routed to this endpoint. */
  @IsArray() @ArrayMaxSize(50) @Matches(/^[a-z_]+\.[a-z_]+$/, { each: true, message: 'each must be an event name such as sla.breached' }) events!: string[];
  /** Department codes whose tickets go here; empty: every department. */
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(/^[A-Z][A-Z0-9_]{1,19}$/, { each: true, message: 'each must be a department code such as ENG' })
  departments: string[] = [];
  /**
   * Roles whose notices go here (a group robot of the company leaders: [manager]; of the supervisors: [supervisor]):
   * an event is sent when someone it is addressed to (its recipients; for an SLA warning or breach, the handler)
   * holds one of them. Empty: every event the endpoint lists, whoever it is addressed to.
   */
  @IsArray() @ArrayMaxSize(5) @IsIn(ROLES, { each: true }) roles: Role[] = [];
  /** SMS (Tencent Cloud): SmsSdkAppId, signature name, template id and region. */
  @IsOptional() @IsString() @MaxLength(40) smsAppId?: string;
  @IsOptional() @IsString() @MaxLength(40) smsSignName?: string;
  @IsOptional() @IsString() @MaxLength(40) smsTemplateId?: string;
  @IsOptional() @IsString() @MaxLength(40) smsRegion?: string;
  /** SMS: the template of the one-tap rating link sent at resolution (parameters: the reference and the link); required when `events` lists ticket.resolved. */
  @IsOptional() @IsString() @MaxLength(40) smsRatingTemplateId?: string;
}

/** Non-urgent notices are held outside working time: between `start` and `end` every day, and on the calendar's days off. */
export class QuietHours {
  @Matches(HHMM) start: string = '22:00';
  @Matches(HHMM) end: string = '08:00';
  /** A business calendar (calendars.<name>): its non-working days are quiet all day. Unset: only the daily window. */
  @IsOptional() @IsString() calendar?: string;
}

export class ChannelRetry {
  @IsInt() @Min(1) @Max(50) maxAttempts: number = 6;
  /** Backoff before retry n: firstDelaySeconds × 2^(n-1), at most maxDelaySeconds. */
  @IsInt() @Min(1) @Max(3600) firstDelaySeconds: number = 30;
  @IsInt() @Min(1) @Max(86400) maxDelaySeconds: number = 3600;
}

/** Outgoing channels (webhook, WeCom and DingTalk robots, SMS): off until an endpoint is listed. */
export class ChannelsPolicy {
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ChannelEndpoint) endpoints: ChannelEndpoint[] = [];
  /** Sent at once even in quiet hours: a breach or an escalation must reach the supervisor at night (第六条). */
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) urgentEvents: string[] = ['sla.breached', 'sla.escalated', 'ticket.escalated'];
  @ValidateNested() @Type(() => QuietHours) quietHours: QuietHours = new QuietHours();
  @ValidateNested() @Type(() => ChannelRetry) retry: ChannelRetry = new ChannelRetry();
  @IsInt() @Min(100) @Max(60000) timeoutMs: number = 5000;
  /** 第六条 复清楚: the SMS a resident gets when a reply time is promised; {reference} and {replyBy} are filled in. */
  @IsString() @IsNotEmpty() @MaxLength(200) promisedSms: string = '您的投诉（{reference}）已受理，我们将于{replyBy}前答复您。';
  /** 回访 by SMS: the text a resident gets when the matter is resolved; {reference} and {link} (the residents' page, one tap to rate) are filled in. */
  @IsString() @IsNotEmpty() @MaxLength(200) ratingSms: string = '您的投诉（{reference}）已处理完毕，请点击链接评价处理结果：{link}';
}

/** The online desk's first responder (首问负责制, 第二条): who records a complaint a resident files on the public page. */
export class ResidentFirstResponder {
  /**
   * `duty_clerk`: the staff member named below is the first responder of every online complaint.
   * `first_claim`: the duty clerk records it, and the first staff member of the department in charge who claims it
   * within `claimWithinMinutes` (POST /tickets/:id/claim) becomes its first responder; unclaimed, it stays the clerk's.
   */
  @IsIn(['duty_clerk', 'first_claim']) mode: 'duty_clerk' | 'first_claim' = 'duty_clerk';
  /** The online desk's duty clerk (an active staff account); unset: online filing is closed (422 resident.filing_closed). */
  @IsOptional() @IsString() @MaxLength(60) staffUsername?: string;
  /** `first_claim`: continuous minutes after filing in which the department in charge may claim the complaint. */
  @IsInt() @Min(1) @Max(24 * 60) claimWithinMinutes: number = 30;
}

/** Residents' public page (/r/): filing online, the private tracking link, the one-tap rating; and its abuse limits. */
export class ResidentThrottle {
  @IsInt() @Min(1) @Max(24 * 60) windowMinutes: number = 60;
  /** Filings per client address (IPv6: per /64) in a window. */
  @IsInt() @Min(1) @Max(10_000) perAddress: number = 10;
  /** Filings per contact phone in a window. */
  @IsInt() @Min(1) @Max(1000) perPhone: number = 5;
  /** Tracking-page reads and ratings per client address in a window: a token guesser runs out long before a hit. */
  @IsInt() @Min(1) @Max(100_000) trackPerAddress: number = 300;
}

export const RESIDENT_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ResidentPhotoType = (typeof RESIDENT_PHOTO_TYPES)[number];

export class ResidentPolicy {
  @ValidateNested() @Type(() => ResidentFirstResponder) firstResponder: ResidentFirstResponder = new ResidentFirstResponder();
  /** Where residents open the page (https://wuye.example.com; /r/ is added): the rating SMS links there. Unset: no rating SMS. */
  @IsOptional() @Matches(/^https?:\/\/[^\s?#]+$/, { message: 'must be an http(s) URL without query, such as https://wuye.example.com' }) publicUrl?: string;
  /** A tracking link works until the ticket has been closed this many days. */
  @IsInt() @Min(0) @Max(3650) trackingRetentionDays: number = 30;
  /** Whether the tracking page names the handler; the department in charge is always shown. */
  @IsBoolean() showHandlerNames: boolean = false;
  @IsInt() @Min(0) @Max(20) maxPhotos: number = 3;
  @IsInt() @Min(1024) @Max(20 * 1024 * 1024) maxPhotoBytes: number = 5 * 1024 * 1024;
  @IsArray() @ArrayMaxSize(RESIDENT_PHOTO_TYPES.length) @IsIn(RESIDENT_PHOTO_TYPES, { each: true }) photoTypes: ResidentPhotoType[] = [
    'image/jpeg',
    'image/png',
    'image/webp',
  ];
  /** The same phone, category and description again within this span is a repeat contact on the first, not a new ticket. */
  @IsInt() @Min(0) @Max(24 * 60) duplicateWindowMinutes: number = 30;
  @ValidateNested() @Type(() => ResidentThrottle) throttle: ResidentThrottle = new ResidentThrottle();
  /** 个人信息保护法 第十四条, 第十七条: the consent text the resident agrees to, and its version (stored with each consent). */
  @Matches(/^[A-Za-z0-9._-]{1,20}$/) consentVersion: string = '2026-12';
  @IsString() @IsNotEmpty() @MaxLength(2000) consentText: string =
    '我同意物业公司收集并使用我填写的姓名、联系电话、地址、投诉内容和照片，仅用于受理、处理、答复和回访本次投诉；保存期限为工单办结后按公司档案规定执行，不向无关人员提供。';
}

/**
 * The top-level policy file; maps (calendars, categories, routing) are validated per entry by the loader.
 * Sections without defaults are @IsDefined: a missing penalty table must stop start-up, not fail a report later.
 */
export class PolicyFile {
  @IsDefined() @ValidateNested() @Type(() => CompanyPolicy) company!: CompanyPolicy;
  @ValidateNested() @Type(() => IntakePolicy) intake: IntakePolicy = new IntakePolicy();
  @ValidateNested() @Type(() => AuthPolicy) auth: AuthPolicy = new AuthPolicy();
  @ValidateNested() @Type(() => SweepPolicy) sweep: SweepPolicy = new SweepPolicy();
  @ValidateNested() @Type(() => RetentionPolicy) retention: RetentionPolicy = new RetentionPolicy();
  @ValidateNested() @Type(() => FollowUpPolicy) followUp: FollowUpPolicy = new FollowUpPolicy();
  @ValidateNested() @Type(() => ProblemPolicy) problems: ProblemPolicy = new ProblemPolicy();
  @ValidateNested() @Type(() => AppointmentPolicy) appointments: AppointmentPolicy = new AppointmentPolicy();
  @ValidateNested() @Type(() => RiskPolicy) risk: RiskPolicy = new RiskPolicy();
  @ValidateNested() @Type(() => LivePolicy) live: LivePolicy = new LivePolicy();
  @ValidateNested() @Type(() => LeaderReportPolicy) leaderReports: LeaderReportPolicy = new LeaderReportPolicy();
  @ValidateNested() @Type(() => FollowThroughPolicy) followThrough: FollowThroughPolicy = new FollowThroughPolicy();
  @ValidateNested() @Type(() => KindPolicy) kinds: KindPolicy = new KindPolicy();
  @ValidateNested() @Type(() => AttachmentPolicy) attachments: AttachmentPolicy = new AttachmentPolicy();
  @ValidateNested() @Type(() => ExtensionPolicy) extensions: ExtensionPolicy = new ExtensionPolicy();
  @ValidateNested() @Type(() => SupervisionPolicy) supervision: SupervisionPolicy = new SupervisionPolicy();
  @ValidateNested() @Type(() => JointPolicy) joint: JointPolicy = new JointPolicy();
  @ValidateNested() @Type(() => DispatchPolicy) dispatch: DispatchPolicy = new DispatchPolicy();
  @ValidateNested() @Type(() => BulletinPolicy) bulletin: BulletinPolicy = new BulletinPolicy();
  @ValidateNested() @Type(() => ChannelsPolicy) channels: ChannelsPolicy = new ChannelsPolicy();
  @ValidateNested() @Type(() => PlacePolicy) places: PlacePolicy = new PlacePolicy();
  @ValidateNested() @Type(() => SearchPolicy) search: SearchPolicy = new SearchPolicy();
  @ValidateNested() @Type(() => ResidentPolicy) resident: ResidentPolicy = new ResidentPolicy();
  @IsDefined() @IsArray() @ValidateNested({ each: true }) @Type(() => EscalationStep) escalation!: EscalationStep[];
  @IsDefined() @ValidateNested() @Type(() => PenaltyPolicy) penalties!: PenaltyPolicy;
  @IsDefined() @ValidateNested() @Type(() => PhrasePolicy) phrases!: PhrasePolicy;
  @ValidateNested() @Type(() => ServiceLanguagePolicy) serviceLanguage: ServiceLanguagePolicy = new ServiceLanguagePolicy();
  // validated by the loader, entry by entry
  @IsOptional() calendars?: unknown;
  @IsOptional() sla?: unknown;
  @IsOptional() categories?: unknown;
}

export class CategoryDefinition {
  /** Routing: the department (by code) that is responsible for this category. */
  @Matches(/^[A-Z][A-Z0-9_]{1,19}$/, { message: 'must be a department code such as ENG' }) department!: string;
  @IsOptional() @ValidateNested() @Type(() => SlaSpansOverride) sla?: SlaSpansOverride;
}

/** The validated, resolved policy the application uses. */
export interface Policy {
  company: CompanyPolicy;
  intake: IntakePolicy;
  auth: AuthPolicy;
  sweep: SweepPolicy;
  retention: RetentionPolicy;
  followUp: FollowUpPolicy;
  problems: ProblemPolicy;
  appointments: AppointmentPolicy;
  risk: RiskPolicy;
  live: LivePolicy;
  leaderReports: LeaderReportPolicy;
  followThrough: FollowThroughPolicy;
  kinds: KindPolicy;
  attachments: AttachmentPolicy;
  extensions: ExtensionPolicy;
  supervision: SupervisionPolicy;
  joint: JointPolicy;
  dispatch: DispatchPolicy;
  bulletin: BulletinPolicy;
  channels: ChannelsPolicy;
  places: PlacePolicy;
  search: SearchPolicy;
  resident: ResidentPolicy;
  calendars: Record<string, CalendarDefinition>;
  slaDefault: SlaSpans;
  categories: Record<string, { department: string; sla: SlaSpans }>;
  escalation: EscalationStep[];
  penalties: PenaltyPolicy;
  phrases: PhrasePolicy;
  serviceLanguage: ServiceLanguagePolicy;
}
