/**
 * Whether `key` is one of the object's own property names. Every lookup of a name that came from
 * outside (a query value, a path segment, a fence in a doc) goes through this: `key in obj` and
 * `obj[key]` also find Object.prototype's members, so "__proto__" or "toString" would be "found".
 */
export function isOwnKey<T extends object>(obj: T, key: unknown): key is keyof T & string {
  return typeof key === 'string' && Object.hasOwn(obj, key);
}

/** obj[key] when key is an own property name, else undefined. */
export function ownValue<T extends object>(obj: T, key: unknown): T[keyof T] | undefined {
  return isOwnKey(obj, key) ? obj[key] : undefined;
}
