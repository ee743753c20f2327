/**
 * Every event name and its payload type. Each module adds its own events by augmenting this interface
 * (`declare module '../events/domain-event.js'`), so the bus knows no domain module, yet publishers and
 * handlers are checked against one map.
 */
export interface DomainEventMap {}

export type DomainEventName = keyof DomainEventMap & string;

export interface DomainEvent<N extends DomainEventName = DomainEventName> {
  readonly id: string;
  readonly name: N;
  readonly ticketId: string | null;
  /** Staff id, or null for the scheduler. */
  readonly actorId: string | null;
  readonly occurredAt: string;
  readonly payload: Readonly<DomainEventMap[N]>;
}

export type AnyDomainEvent = { [N in DomainEventName]: DomainEvent<N> }[DomainEventName];
