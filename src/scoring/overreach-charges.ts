import type { OverreachTable } from '../config/policy.js';
import type { Attribution, ChargeRole, OverreachLevel, Sanction, ScoringRule } from './scoring.types.js';

export interface Charge {
  employeeId: string;
  role: ChargeRole;
  rule: ScoringRule;
  points: number;
  amountFen: number;
  sanction: Sanction;
}

export interface OverreachCharging {
  level: OverreachLevel;
  attribution: Attribution;
  economicLossFen: number;
  responsibleId: string;
  /** The responsible person's department supervisor at that moment; null when the post was empty. */
  supervisorId: string | null;
}

/**
 * 第十条: points off the department supervisor and the responsible person per the table in config/, a
 * sanction for the supervisor at county and city level, and the economic loss in full to the responsible
 * person. DESIGN decision 5: an overreach nobody attributes to a handling failure charges nothing.
 * `chargeOnce` is `penalties.chargeOnce` in the policy.
 */
export function overreachCharges(table: OverreachTable, o: OverreachCharging, chargeOnce = true): Charge[] {
  if (o.attribution === 'none') return [];
  const penalty = table[o.level];
  const rule: ScoringRule = `overreach.${o.level}`;
  // DESIGN decision 4: one person in both posts is charged once, at the larger amount; the supervisor's sanction
  // still applies and so does the economic loss. The entry keeps the supervisor role, which carries the sanction.
  if (chargeOnce && o.supervisorId === o.responsibleId) {
    return [
      {
        employeeId: o.responsibleId,
        role: 'supervisor',
        rule,
        points: Math.max(penalty.supervisorPoints, penalty.handlerPoints),
        amountFen: o.economicLossFen,
        sanction: penalty.supervisorSanction,
      },
    ];
  }
  const charges: Charge[] = [];
  if (o.supervisorId) {
    charges.push({
      employeeId: o.supervisorId,
      role: 'supervisor',
      rule,
      points: penalty.supervisorPoints,
      amountFen: 0,
      sanction: penalty.supervisorSanction,
    });
  }
  charges.push({ employeeId: o.responsibleId, role: 'responsible', rule, points: penalty.handlerPoints, amountFen: o.economicLossFen, sanction: 'none' });
  return charges;
}
