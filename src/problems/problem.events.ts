export interface ProblemEventMap {
  'problem.opened': { problemId: string; category: string; community: string; building: string | null; ticketCount: number };
  'problem.grown': { problemId: string; ticketCount: number };
  'problem.closed': { problemId: string };
}

declare module '../events/domain-event.js' {
  interface DomainEventMap extends ProblemEventMap {}
}
