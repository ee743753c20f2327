/** The rules the residents' page refuses by. */
export enum ResidentRuleCode {
  /** 个人信息保护法 第十四条: filing online needs the resident's explicit consent to the stated processing. */
  ConsentRequired = 'resident.consent_required',
  /** The consent names the text version the page showed; an outdated page must be reloaded. */
  ConsentVersion = 'resident.consent_version',
  /** `resident.firstResponder.staffUsername` names no active account: online filing is closed. */
  FilingClosed = 'resident.filing_closed',
  /** `resident.maxPhotos`, `resident.maxPhotoBytes`: photos per complaint and bytes per photo. */
  PhotoLimit = 'resident.photo_limit',
  /** 回访 is answered after resolution, once per resolution. */
  RatingAfterResolution = 'resident.rating_after_resolution',
  RatedOnce = 'resident.rated_once',
  /** 首问负责制, first_claim: only an online complaint filed with a claim window is claimed. */
  NotClaimable = 'resident.not_claimable',
  /** The first claim wins; the first responder is then fixed for good. */
  AlreadyClaimed = 'resident.already_claimed',
  /** `resident.firstResponder.claimWithinMinutes` after filing, the duty clerk stays first responder. */
  ClaimWindowClosed = 'resident.claim_window_closed',
  /** Staff or a supervisor of the department in charge claims it, not someone who merely sees it. */
  ClaimByDepartment = 'resident.claim_by_department',
}

declare module '../common/errors/rule-codes.js' {
  interface RuleCodeRegistry {
    residents: ResidentRuleCode;
  }
}
