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
