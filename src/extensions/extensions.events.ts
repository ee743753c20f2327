export interface ExtensionEventMap {
  /** 延期: the handler asked for a later deadline; the department's supervisor is told. */
  'extension.requested': { extensionId: string; clockId: string; purpose: string; requestedDueAt: string; originalDueAt: string; supervisorId: string | null };
  /** The supervisor approved: the clock's deadline moved (the original stays on the clock and in history). */
  'extension.approved': { extensionId: string; clockId: string; purpose: string; dueAt: string; originalDueAt: string; requesterId: string };
  'extension.refused': { extensionId: string; clockId: string; purpose: string; requesterId: string };
}

declare module '../events/domain-event.js' {
  interface DomainEventMap extends ExtensionEventMap {}
}
