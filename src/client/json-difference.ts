// Where a JSON document's readable `decoded` view departs from what its bytes decode to: the
// receipt readers refuse such a document and name the first differing path. Browser-safe.

/** The first path at which two JSON values differ, or undefined when equal. */
export function difference(given: unknown, expected: unknown, path: string): string | undefined {
  if (typeof given !== typeof expected || Array.isArray(given) !== Array.isArray(expected) || (given === null) !== (expected === null)) {
    return path;
  }
  if (Array.isArray(given) && Array.isArray(expected)) {
    if (given.length !== expected.length) return path;
    for (let i = 0; i < given.length; i++) {
      const d = difference(given[i], expected[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (typeof given === 'object' && given !== null) {
    const g = given as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    for (const key of new Set([...Object.keys(g), ...Object.keys(e)])) {
      if (!(key in g) || !(key in e)) return `${path}.${key}`;
      const d = difference(g[key], e[key], `${path}.${key}`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  return given === expected ? undefined : path;
}
