import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { getMetadataStorage, IsInt, IsString, MaxLength, validateSync } from 'class-validator';
import { memoiseValidationMetadata } from './validation-metadata.js';

class Base {
  @IsString() name!: string;
}
class Derived extends Base {
  @IsInt() count!: number;
  @MaxLength(3, { groups: ['short'] }) code!: string;
}

describe('memoised class-validator metadata lookups', () => {
  const storage = getMetadataStorage();
  const lookUp = (target: new () => object, groups?: string[]) =>
    storage
      .getTargetValidationMetadatas(target, '', false, false, groups)
      .map((m) => `${m.propertyName}:${m.name ?? m.type}`)
      .sort();
  const before = { derived: lookUp(Derived), short: lookUp(Derived, ['short']), base: lookUp(Base) };
  memoiseValidationMetadata(storage);

  it('answers what class-validator answers, inherited rules and groups included, call after call', () => {
    for (let i = 0; i < 3; i++) expect({ derived: lookUp(Derived), short: lookUp(Derived, ['short']), base: lookUp(Base) }).toEqual(before);
    expect(before.derived).toEqual(expect.arrayContaining([expect.stringMatching(/^name:/), expect.stringMatching(/^count:/)]));
    expect(
      validateSync(Object.assign(new Derived(), { name: 1, count: 'x', code: 'ab' }))
        .map((e) => e.property)
        .sort(),
    ).toEqual(['count', 'name']);
  });

  it('hands out a copy, so a caller changing its list changes nothing kept', () => {
    const list = storage.getTargetValidationMetadatas(Derived, '', false, false, undefined);
    list.length = 0;
    expect(lookUp(Derived)).toEqual(before.derived);
  });

  it('starts over when a rule is added later (a class declared after the first lookups)', () => {
    expect(lookUp(Derived)).toEqual(before.derived);
    class Later extends Derived {
      @IsString() extra!: string;
    }
    expect(lookUp(Later)).toEqual([...before.derived, 'extra:isString'].sort());
    expect(validateSync(Object.assign(new Later(), { name: 'a', count: 1, code: 'ab', extra: 5 })).map((e) => e.property)).toEqual(['extra']);
    // A rule added to a class already looked up: the memo forgets its old answer.
    IsString()(Derived.prototype, 'late');
    expect(lookUp(Derived)).toEqual([...before.derived, 'late:isString'].sort());
  });
});
