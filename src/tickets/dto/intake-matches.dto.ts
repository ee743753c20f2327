import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IdProperty, TimeProperty } from '../../common/http/api-docs.js';
import { RepeatMatterView } from './ticket.view.js';

/** What the console sends while the clerk types: the caller's phone and the chosen category, nothing else. */
export class IntakeMatchesQuery {
  @ApiProperty({ description: 'The caller’s phone as typed (mainland mobile or landline with area code)', example: '13812345678' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(30)
  phone!: string;
  @ApiProperty({ description: 'Category from the policy', example: '报修' }) @IsString() @IsNotEmpty() @MaxLength(40) category!: string;
}

/**
 * One open ticket of the caller in the category (第九条). Everyone gets what the desk may tell the resident
 * (DESIGN decision 9: reference, status, department, handler's name, next due time, when it came in); the
 * ticket's id and summary only when the clerk may see the ticket.
 */
export class IntakeMatchView extends RepeatMatterView {
  @TimeProperty({ description: 'When the matter was received' }) receivedAt!: string;
  @IdProperty({ nullable: true, description: 'null when the clerk may not see the ticket (another department’s)' }) ticketId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The matter as recorded; null when the clerk may not see the ticket' }) summary!: string | null;
}

/** One of the caller's closed tickets in the category: their history, shown apart; never a "same matter" to pick. */
export class EarlierMatterView extends IntakeMatchView {
  @TimeProperty({ nullable: true, description: 'When it was closed' }) closedAt!: string | null;
}

export class IntakeMatchesView {
  @ApiProperty({ type: IntakeMatchView, isArray: true, description: 'Open tickets, oldest first, at most `intake.maxMatches` of them' })
  matches!: IntakeMatchView[];
  @ApiProperty({
    type: EarlierMatterView,
    isArray: true,
    description: 'The caller’s closed tickets of the category, latest closed first, at most `intake.maxMatches`: told like the matches, not to be picked',
  })
  earlier!: EarlierMatterView[];
}
