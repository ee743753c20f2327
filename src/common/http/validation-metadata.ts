import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Lookup = Storage['getTargetValidationMetadatas'];

/**
 * class-validator looks a class's rules up on every object it validates, and each lookup walks the rules of every
 * class the process has declared, testing inheritance one by one (`getTargetValidationMetadatas`: 4 % of the app's
 * time in the intake profile, docs/benchmarks.md). The rules are declared by decorators when the classes load, so
 * this keeps each lookup's answer until a rule is added (adding one starts the memo over), and hands out a copy.
 * Installed once for the process, on class-validator's one metadata storage.
 */
let installed = false;

export function memoiseValidationMetadata(storage: Storage = getMetadataStorage()): void {
  if (installed) return;
  installed = true;
  const lookUp: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let kept = new WeakMap<object, Map<string, ReturnType<Lookup>>>();
  storage.addValidationMetadata = (metadata) => {
    kept = new WeakMap();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let forTarget = kept.get(target);
    let found = forTarget?.get(key);
    if (!found) {
      found = lookUp(target, schema, always, strictGroups, groups);
      if (!forTarget) kept.set(target, (forTarget = new Map()));
      forTarget.set(key, found);
    }
    return [...found];
  };
}
