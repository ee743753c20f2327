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
}

declare module '../common/errors/rule-codes.js' {
  interface RuleCodeRegistry {
    residents: ResidentRuleCode;
  }
}
