export const OVERREACH_LEVELS = ['company', 'county', 'city'] as const;
export type OverreachLevel = (typeof OVERREACH_LEVELS)[number];

/** 第十条: 不受理 / 反应不积极 / 不迅速 / 处理不力; `none`: the resident went over our head without our failing. */
export const ATTRIBUTIONS = ['not_accepted', 'not_pursued', 'slow', 'badly_handled', 'none'] as const;
export type Attribution = (typeof ATTRIBUTIONS)[number];

/** company_leader for 第十条(一); a website, authority or media outlet for (二) and (三). */
export const VENUE_KINDS = ['company_leader', 'website', 'authority', 'media'] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];

export const SANCTIONS = ['none', 'warning', 'disciplinary'] as const;
export type Sanction = (typeof SANCTIONS)[number];

/** 第十条(三): 记过、降薪、降级、辞退, or no action. */
export const DISCIPLINARY_OUTCOMES = ['demerit', 'pay_cut', 'demotion', 'dismissal', 'none'] as const;
export type DisciplinaryOutcome = (typeof DISCIPLINARY_OUTCOMES)[number];

export const SCORING_RULES = ['overreach.company', 'overreach.county', 'overreach.city', 'valid_complaint'] as const;
export type ScoringRule = (typeof SCORING_RULES)[number];

export type ChargeRole = 'supervisor' | 'responsible' | 'employee';
