import type { MigrationInterface } from 'typeorm';
import { Foundation1795879872279 } from './1795879872279-Foundation.js';
import { Tickets1795880485046 } from './1795880485046-Tickets.js';
import { Sla1795881140942 } from './1795881140942-Sla.js';
import { Checklist1795881582555 } from './1795881582555-Checklist.js';
import { Scoring1795886346337 } from './1795886346337-Scoring.js';
import { SlaBoard1795990000000 } from './1795990000000-SlaBoard.js';
import { ReportIndexes1795990100000 } from './1795990100000-ReportIndexes.js';
import { ProblemDepartment1796000000000 } from './1796000000000-ProblemDepartment.js';
import { NotificationEvents1796000000001 } from './1796000000001-NotificationEvents.js';
import { OneBreachRecord1796000000002 } from './1796000000002-OneBreachRecord.js';
import { AppendOnlyEvidence1796000100000 } from './1796000100000-AppendOnlyEvidence.js';
import { SharedSecrets1796000100001 } from './1796000100001-SharedSecrets.js';
import { LoginThrottle1796000200000 } from './1796000200000-LoginThrottle.js';
import { StaffTokenGeneration1796000200001 } from './1796000200001-StaffTokenGeneration.js';
import { StreamTokenUse1796000200002 } from './1796000200002-StreamTokenUse.js';
import { StaffEmployeeNo1796000500000 } from './1796000500000-StaffEmployeeNo.js';
import { LeaderReports1796001100000 } from './1796001100000-LeaderReports.js';
import { FollowThroughDigest1796001100001 } from './1796001100001-FollowThroughDigest.js';
import { Appointments1796001200000 } from './1796001200000-Appointments.js';
import { ReplyLanguageCategories1796001300000 } from './1796001300000-ReplyLanguageCategories.js';
import { TicketKind1796001300001 } from './1796001300001-TicketKind.js';
import { ExtensionsSupervision1796001600000 } from './1796001600000-ExtensionsSupervision.js';
import { Attachments1796001400000 } from './1796001400000-Attachments.js';
import { JointTasks1796001700000 } from './1796001700000-JointTasks.js';
import { Places1796001900000 } from './1796001900000-Places.js';
import { Channels1796002000000 } from './1796002000000-Channels.js';
import { ResidentPage1796002500000 } from './1796002500000-ResidentPage.js';
import { SlaSweepFigures1796002600000 } from './1796002600000-SlaSweepFigures.js';
import { OnlineClaim1796002700000 } from './1796002700000-OnlineClaim.js';
import { LockThenRead1796002800000 } from './1796002800000-LockThenRead.js';
import { Dispatch1796001500000 } from './1796001500000-Dispatch.js';
import { JointTaskClock1796002200000 } from './1796002200000-JointTaskClock.js';
import { TicketSearchGrams1796002100000 } from './1796002100000-TicketSearchGrams.js';
import { ExtendedClockIndex1796002100001 } from './1796002100001-ExtendedClockIndex.js';

/** Every migration, in order. `npm run migration:generate -- Name` writes a new file; add it here. */
export const MIGRATIONS: Array<new () => MigrationInterface> = [
  Foundation1795879872279,
  Tickets1795880485046,
  Sla1795881140942,
  Checklist1795881582555,
  Scoring1795886346337,
  SlaBoard1795990000000,
  ReportIndexes1795990100000,
  ProblemDepartment1796000000000,
  NotificationEvents1796000000001,
  OneBreachRecord1796000000002,
  AppendOnlyEvidence1796000100000,
  SharedSecrets1796000100001,
  LoginThrottle1796000200000,
  StaffTokenGeneration1796000200001,
  StreamTokenUse1796000200002,
  StaffEmployeeNo1796000500000,
  LeaderReports1796001100000,
  FollowThroughDigest1796001100001,
  Appointments1796001200000,
  ReplyLanguageCategories1796001300000,
  TicketKind1796001300001,
  Attachments1796001400000,
  Dispatch1796001500000,
  ExtensionsSupervision1796001600000,
  JointTasks1796001700000,
  Places1796001900000,
  Channels1796002000000,
  TicketSearchGrams1796002100000,
  ExtendedClockIndex1796002100001,
  JointTaskClock1796002200000,
  ResidentPage1796002500000,
  SlaSweepFigures1796002600000,
  OnlineClaim1796002700000,
  LockThenRead1796002800000,
];
