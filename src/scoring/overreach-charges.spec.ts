import { describe, expect, it } from '@jest/globals';
import type { OverreachTable } from '../config/policy.js';
import { overreachCharges } from './overreach-charges.js';

const TABLE = {
  company: { supervisorPoints: 20, handlerPoints: 20, supervisorSanction: 'none' },
  county: { supervisorPoints: 30, handlerPoints: 30, supervisorSanction: 'warning' },
  city: { supervisorPoints: 50, handlerPoints: 50, supervisorSanction: 'disciplinary' },
} as OverreachTable;

const base = { attribution: 'slow' as const, economicLossFen: 0, responsibleId: 'handler', supervisorId: 'boss' };

describe('overreach charges (第十条)', () => {
  it.each([
    ['company', 20, 'none'],
    ['county', 30, 'warning'],
    ['city', 50, 'disciplinary'],
  ] as const)('charges the %s level per the table: %i each, supervisor sanction %s', (level, points, sanction) => {
    expect(overreachCharges(TABLE, { ...base, level })).toEqual([
      { employeeId: 'boss', role: 'supervisor', rule: `overreach.${level}`, points, amountFen: 0, sanction },
      { employeeId: 'handler', role: 'responsible', rule: `overreach.${level}`, points, amountFen: 0, sanction: 'none' },
    ]);
  });

  it('charges the economic loss in full to the responsible person only', () => {
    const charges = overreachCharges(TABLE, { ...base, level: 'company', economicLossFen: 123456 });
    expect(charges.find((c) => c.role === 'responsible')!.amountFen).toBe(123456);
    expect(charges.find((c) => c.role === 'supervisor')!.amountFen).toBe(0);
  });

  it('charges nothing when the overreach is not attributed to a handling failure (DESIGN decision 5)', () => {
    expect(overreachCharges(TABLE, { ...base, level: 'city', attribution: 'none', economicLossFen: 500 })).toEqual([]);
  });

  it('charges only the responsible person when the department had no supervisor then', () => {
    expect(overreachCharges(TABLE, { ...base, level: 'county', supervisorId: null }).map((c) => c.role)).toEqual(['responsible']);
  });

  describe('a supervisor who also handles the ticket (第十条, DESIGN decision 4)', () => {
    const both = { ...base, responsibleId: 'boss', supervisorId: 'boss' };
    const uneven = { ...TABLE, county: { supervisorPoints: 30, handlerPoints: 40, supervisorSanction: 'warning' } } as OverreachTable;

    it.each([
      ['company', 20, 'none'],
      ['county', 30, 'warning'],
      ['city', 50, 'disciplinary'],
    ] as const)('第十条: charges a supervisor who handles the ticket once at the %s level: %i points, sanction %s', (level, points, sanction) => {
      expect(overreachCharges(TABLE, { ...both, level })).toEqual([
        { employeeId: 'boss', role: 'supervisor', rule: `overreach.${level}`, points, amountFen: 0, sanction },
      ]);
    });

    it('第十条: charges the person in both posts at the larger of the two amounts, with the economic loss', () => {
      expect(overreachCharges(uneven, { ...both, level: 'county', economicLossFen: 9900 })).toEqual([
        { employeeId: 'boss', role: 'supervisor', rule: 'overreach.county', points: 40, amountFen: 9900, sanction: 'warning' },
      ]);
    });

    it('charges both roles when the policy turns chargeOnce off', () => {
      expect(overreachCharges(TABLE, { ...both, level: 'company' }, false).map((c) => [c.role, c.points])).toEqual([
        ['supervisor', 20],
        ['responsible', 20],
      ]);
    });
  });
});
