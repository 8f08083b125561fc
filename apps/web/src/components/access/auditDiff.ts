/**
 * The difference between an audit entry's `before` and `after`, as rows a person can read: one
 * per changed field, nested fields named by their path (`roles.0.projectIds`).
 */

/** One changed field: what it was and what it became (absent on the side that has no value). */
export interface DiffRow {
  readonly path: string
  readonly change: "added" | "removed" | "changed"
  readonly before?: string
  readonly after?: string
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v)

/** The leaves of a JSON value by path; an empty object or array is a leaf of its own. */
const leaves = (value: unknown, prefix: string, into: Map<string, unknown>): Map<string, unknown> => {
  const entries = isPlainObject(value)
    ? Object.entries(value)
    : Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : undefined
  if (entries === undefined || entries.length === 0) {
    if (prefix !== "" || value !== undefined) into.set(prefix, value)
    return into
  }
  for (const [key, inner] of entries) leaves(inner, prefix === "" ? key : `${prefix}.${key}`, into)
  return into
}

/** A leaf as text: strings as they are, everything else as JSON. */
export const showValue = (value: unknown): string =>
  typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value)

/** The changed fields between two recorded values, in the order they first appear. */
export const auditDiff = (before: unknown, after: unknown): ReadonlyArray<DiffRow> => {
  const was = before === undefined ? new Map<string, unknown>() : leaves(before, "", new Map())
  const is = after === undefined ? new Map<string, unknown>() : leaves(after, "", new Map())
  const paths = [...new Set([...was.keys(), ...is.keys()])]
  return paths.flatMap((path): ReadonlyArray<DiffRow> => {
    const hadIt = was.has(path)
    const hasIt = is.has(path)
    const b = showValue(was.get(path))
    const a = showValue(is.get(path))
    if (hadIt && hasIt)
      return JSON.stringify(was.get(path)) === JSON.stringify(is.get(path))
        ? []
        : [{ path, change: "changed", before: b, after: a }]
    return hadIt ? [{ path, change: "removed", before: b }] : [{ path, change: "added", after: a }]
  })
}
