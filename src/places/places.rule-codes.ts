/** The rules the place register refuses by. */
export enum PlaceRuleCode {
  /** A building sits in a community, a unit in a building, a room in a unit or a building; a community has no parent. */
  ParentKind = 'place.parent_kind',
  /** A place is added or renamed under an active parent only, and a deactivated place is not picked at intake. */
  Active = 'place.active',
  /** One name per parent (阳光花园 once among communities, 3栋 once in 阳光花园). */
  UniqueName = 'place.unique_name',
}

declare module '../common/errors/rule-codes.js' {
  interface RuleCodeRegistry {
    places: PlaceRuleCode;
  }
}
