export const CHANNELS = ['phone', 'visit', 'written', 'online', 'referral'] as const;
export type Channel = (typeof CHANNELS)[number];

export const SEVERITIES = ['general', 'major'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** 第一篇 二.4: how the complaint was disposed of at intake. */
export const DISPOSITIONS = ['on_the_spot', 'accepted', 'referred_out', 'not_reaccepted', 'appointment'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** 第三条: intake records suggestions (建议) and enquiries (咨询) besides complaints (投诉). */
export const TICKET_KINDS = ['complaint', 'suggestion', 'enquiry'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

export const STATUSES = ['open', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof STATUSES)[number];

/** 第一篇 二.4(5) 约谈: where an appointment stands — booked (also after a reschedule), held, or the resident did not come. */
export const APPOINTMENT_STATES = ['booked', 'held', 'no_show'] as const;
export type AppointmentState = (typeof APPOINTMENT_STATES)[number];

/** What staff record of an appointment. */
export const APPOINTMENT_OUTCOMES = ['held', 'no_show', 'rescheduled'] as const;
export type AppointmentOutcome = (typeof APPOINTMENT_OUTCOMES)[number];

/** 第七条 听清楚, 问清楚: the five clears a first responder can confirm while recording the complaint; the intake record is their evidence. */
export const INTAKE_CLEARS = ['listen', 'ask'] as const;
export type IntakeClear = (typeof INTAKE_CLEARS)[number];
/** 第七条: an accepted complaint (or one with an appointment) that is not closed at intake has the five clears to work through. */
export const hasFiveClears = (disposition: Disposition, status: string) => status !== 'closed' && (disposition === 'accepted' || disposition === 'appointment');
/** The history's words for a clear confirmed at intake. */
export const INTAKE_CLEAR_NOTE: Record<IntakeClear, string> = {
  listen: '听清楚：受理时由首问负责人确认已完整听取投诉内容，依据本单受理记录',
  ask: '问清楚：受理时由首问负责人确认已核实事实与诉求，依据本单受理记录',
};
