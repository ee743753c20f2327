import { describe, expect, it } from '@jest/globals';
import { missingConditions } from './valid-complaint.rules.js';

describe('valid complaint conditions (第十一条)', () => {
  it('is valid for a matter within the duties that could have been done at once', () => {
    expect(missingConditions({ withinDuties: true, assignedBySupervisor: false, couldBeDoneAtOnce: true })).toEqual([]);
  });

  it('is valid for a matter the supervisor assigned, even outside the duties', () => {
    expect(missingConditions({ withinDuties: false, assignedBySupervisor: true, couldBeDoneAtOnce: true })).toEqual([]);
  });

  it('is not valid for a matter neither within the duties nor assigned', () => {
    expect(missingConditions({ withinDuties: false, assignedBySupervisor: false, couldBeDoneAtOnce: true })).toEqual(['withinDuties or assignedBySupervisor']);
  });

  it('is not valid for a matter that could not have been done at once', () => {
    expect(missingConditions({ withinDuties: true, assignedBySupervisor: false, couldBeDoneAtOnce: false })).toEqual(['couldBeDoneAtOnce']);
  });
});
