export interface ValidComplaintFacts {
  withinDuties: boolean;
  assignedBySupervisor: boolean;
  couldBeDoneAtOnce: boolean;
}

/**
 * 第十一条: 属于自身职责或经部门主管委派, 能立即完成而没有履行 — the conditions a `valid` verdict needs that
 * the facts do not meet (empty when a valid verdict stands).
 */
export function missingConditions(f: ValidComplaintFacts): string[] {
  const missing: string[] = [];
  if (!f.withinDuties && !f.assignedBySupervisor) missing.push('withinDuties or assignedBySupervisor');
  if (!f.couldBeDoneAtOnce) missing.push('couldBeDoneAtOnce');
  return missing;
}
