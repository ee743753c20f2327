import type { PlaceKind } from './place.entity.js';

export interface PlaceEventMap {
  'place.created': { placeId: string; kind: PlaceKind; path: string };
  'place.renamed': { placeId: string; kind: PlaceKind; from: string; to: string };
  /** The place and every place under it: no longer offered at intake. */
  'place.deactivated': { placeId: string; kind: PlaceKind; count: number };
  'place.reactivated': { placeId: string; kind: PlaceKind; count: number };
  /** A CSV import: what it added (lines already registered add nothing). */
  'places.imported': { rows: number; created: number };
}

declare module '../events/domain-event.js' {
  interface DomainEventMap extends PlaceEventMap {}
}
