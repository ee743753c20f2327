/** The rules the attachments module refuses by (第一篇 二.3: 来访人提交的相关材料; limits in `attachments` of config/policy.yaml). */
export enum AttachmentRuleCode {
  /** 第一篇 二.3: a file is at most `attachments.maxBytes` bytes. */
  MaxBytes = 'attachment.max_bytes',
  /** 第一篇 二.3: a ticket holds at most `attachments.maxFilesPerTicket` files. */
  MaxFiles = 'attachment.max_files',
  /** 第一篇 二.3: only the types of `attachments.allowedTypes`, recognised by the file's content. */
  TypeNotAllowed = 'attachment.type_not_allowed',
  /** 第一篇 二.3: the declared type must be what the content is (a disguised file is refused). */
  TypeMismatch = 'attachment.type_mismatch',
  /** DESIGN (who may see what): HR sees residents' data masked, so not the photos and letters (`attachments.hrSeesContent`). */
  ContentMasked = 'attachment.content_masked',
}

declare module '../common/errors/rule-codes.js' {
  interface RuleCodeRegistry {
    attachments: AttachmentRuleCode;
  }
}
