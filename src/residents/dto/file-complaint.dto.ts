import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { EnumProperty, TimeProperty } from '../../common/http/api-docs.js';
import { IsPaddedBase64 } from '../../common/http/base64.js';
import { RESIDENT_PHOTO_TYPES, type ResidentPhotoType } from '../../config/policy.js';

/** Base64 of the largest photo the policy may allow (20 MiB); the policy's own limit is checked on the bytes. */
const MAX_BASE64 = Math.ceil((20 * 1024 * 1024) / 3) * 4;

export class ResidentPlaceDto {
  @ApiProperty({ description: 'Community (小区)', example: '阳光花园' }) @IsString() @IsNotEmpty() @MaxLength(60) community!: string;
  @ApiPropertyOptional({ description: 'Building (楼栋)', example: '3' }) @IsOptional() @IsString() @MaxLength(30) building?: string;
  @ApiPropertyOptional({ description: 'Unit (单元)', example: '2' }) @IsOptional() @IsString() @MaxLength(30) unit?: string;
  @ApiPropertyOptional({ description: 'Room (房号)', example: '501' }) @IsOptional() @IsString() @MaxLength(30) room?: string;
}

export class ResidentPhotoDto {
  @ApiProperty({ description: 'The photo’s name, without folders', example: '漏水.jpg', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  // eslint-disable-next-line no-control-regex -- control characters are what the name must not hold
  @Matches(/^[^/\\\u0000-\u001f\u007f]+$/, { message: 'fileName must be a name without folders or control characters' })
  fileName!: string;
  @EnumProperty('ResidentPhotoType', RESIDENT_PHOTO_TYPES, { description: 'The declared type; the content must be it (magic bytes)', example: 'image/jpeg' })
  @IsIn(RESIDENT_PHOTO_TYPES)
  contentType!: ResidentPhotoType;
  @ApiProperty({ format: 'byte', description: 'The photo’s bytes, base64 (RFC 4648 §4, padded)', example: 'iVBORw0KGgo=', maxLength: MAX_BASE64 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_BASE64)
  @IsPaddedBase64('contentBase64 must be base64 (RFC 4648, padded)')
  contentBase64!: string;
}

/** 个人信息保护法 第十四条: the resident's explicit consent to the stated processing, naming the text version shown. */
export class ConsentDto {
  @ApiProperty({ description: 'The resident ticked 同意: must be true', example: true }) @IsBoolean() accepted!: boolean;
  @ApiProperty({ description: 'The consent text version the page showed (GET /public/resident-form)', example: '2026-12' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  version!: string;
}

/** A complaint filed on the residents' page (channel `online`). */
export class FileComplaintDto {
  @ApiProperty({ description: 'Category from the policy (GET /public/resident-form lists them)', example: '报修' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  category!: string;
  @ApiProperty({ type: ResidentPlaceDto }) @IsDefined() @ValidateNested() @Type(() => ResidentPlaceDto) place!: ResidentPlaceDto;
  @ApiProperty({ description: 'What happened', example: '楼道灯坏了一周' }) @IsString() @IsNotEmpty() @MaxLength(4000) description!: string;
  @ApiPropertyOptional({ description: 'What the resident asks for (主要诉求)', example: '尽快修好' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  requests?: string;
  @ApiPropertyOptional({
    type: ResidentPhotoDto,
    isArray: true,
    maxItems: 20,
    description: 'At most `resident.maxPhotos` photos',
    example: [{ fileName: '漏水.png', contentType: 'image/png', contentBase64: 'iVBORw0KGgo=' }],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ResidentPhotoDto)
  photos?: ResidentPhotoDto[];
  @ApiProperty({ description: 'Contact phone: a mainland mobile or a landline with area code', example: '13812345678' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(30)
  phone!: string;
  @ApiProperty({ description: 'Name as the resident gives it (张先生 is fine)', example: '张先生' }) @IsString() @IsNotEmpty() @MaxLength(60) name!: string;
  @ApiProperty({ type: ConsentDto, description: '个人信息保护法: required; without it nothing is recorded' })
  @IsDefined({ message: 'consent is required: the resident must agree to the stated processing' })
  @ValidateNested()
  @Type(() => ConsentDto)
  consent!: ConsentDto;
}

export const FILING_OUTCOMES = ['created', 'repeat_contact'] as const;

export class FilingResultView {
  @EnumProperty('ResidentFilingOutcome', FILING_OUTCOMES, {
    description: '`created`: a new ticket; `repeat_contact`: the same submission again within `resident.duplicateWindowMinutes`, joined to the first',
  })
  outcome!: (typeof FILING_OUTCOMES)[number];
  @ApiProperty({ description: 'The ticket reference (受理编号)', example: 'TS-20261128-0007' }) reference!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The private tracking token (256 bits, shown once; only its hash is kept); null for a repeat contact, whose first filing holds the link',
  })
  trackingToken!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The page address with the token in its fragment (never sent to a server log): /r/#t=<token>' })
  trackingPath!: string | null;
}

export class ResidentFormView {
  @ApiProperty({ type: String, isArray: true, description: 'Categories from the policy', example: ['报修', '卫生'] }) categories!: string[];
  @ApiProperty({ description: 'Whether online filing is open (`resident.firstResponder` names an active account)' }) open!: boolean;
  @ApiProperty({ description: 'The consent text (its purpose stated)' }) consentText!: string;
  @ApiProperty({ example: '2026-12' }) consentVersion!: string;
  @ApiProperty({ type: 'integer' }) maxPhotos!: number;
  @ApiProperty({ type: 'integer' }) maxPhotoBytes!: number;
  @EnumProperty('ResidentPhotoType', RESIDENT_PHOTO_TYPES, { isArray: true }) photoTypes!: ResidentPhotoType[];
}

export const RATING_VERDICTS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type RatingVerdict = (typeof RATING_VERDICTS)[number];

/** 回访 in one tap: 满意 / 基本满意 / 不满意, and a comment if the resident wants to add one. */
export class TrackingTokenDto {
  @ApiProperty({ description: 'The tracking token from the link (base64url, 43 characters)', example: 'q3Zx…' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  token!: string;
}

export class RateDto extends TrackingTokenDto {
  @EnumProperty('ResidentRatingVerdict', RATING_VERDICTS, { example: 'satisfied' }) @IsIn(RATING_VERDICTS) verdict!: RatingVerdict;
  @ApiPropertyOptional({ description: 'Optional comment', example: '修得很快' }) @IsOptional() @IsString() @MaxLength(1000) comment?: string;
}

export class RatingResultView {
  @EnumProperty('ResidentRatingVerdict', RATING_VERDICTS) verdict!: RatingVerdict;
  @ApiProperty({ description: 'The ticket’s status after the rating: `open` again when dissatisfied (重办)' }) ticketStatus!: string;
  @TimeProperty() at!: string;
}

export class ResidentAnswerView {
  @ApiProperty({ description: 'How it was given: phone, visit, sms, online, written', example: 'online' }) via!: string;
  @ApiProperty({ description: 'What the resident was told' }) content!: string;
  @ApiProperty({ description: 'It tells the process and result (复清楚)' }) final!: boolean;
  @TimeProperty() at!: string;
}

export class TrackingView {
  @ApiProperty({ example: 'TS-20261128-0007' }) reference!: string;
  @ApiProperty({ example: '报修' }) category!: string;
  @EnumProperty('ResidentTicketStatus', ['open', 'resolved', 'closed']) status!: string;
  @TimeProperty() receivedAt!: string;
  @ApiProperty({ description: 'The department in charge', example: '工程部' }) department!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The handler’s name, only when `resident.showHandlerNames`' }) handler!: string | null;
  @TimeProperty({ nullable: true, description: 'The promised reply time, else the next deadline' }) replyBy!: string | null;
  @ApiProperty({ type: ResidentAnswerView, isArray: true }) answers!: ResidentAnswerView[];
  @ApiProperty({ description: 'The ticket is resolved and this resolution is not rated yet' }) canRate!: boolean;
  @EnumProperty('ResidentRatingVerdict', RATING_VERDICTS, { nullable: true, required: false, description: 'The rating of this resolution, once given' })
  rated!: RatingVerdict | null;
}

export class ResidentPlacesQuery {
  @ApiProperty({ description: 'Part of a community or building name, or its pinyin initials', maxLength: 60, example: '阳光' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  q!: string;
}

/** A community or building of the register, as the page fills 小区 and 楼栋 with it. */
export class ResidentPlaceView {
  @EnumProperty('ResidentPlaceKind', ['community', 'building']) kind!: 'community' | 'building';
  @ApiProperty({ example: '阳光花园' }) community!: string;
  @ApiProperty({ type: String, nullable: true, example: '3栋' }) building!: string | null;
}
