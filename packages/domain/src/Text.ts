/**
 * Strings from outside: what every text Coordina accepts (a request's body, path, query and
 * headers, a sheet's cells) must be before it reaches a database.
 *
 * PostgreSQL's text cannot hold U+0000 and answers an error where SQLite stores it; a lone
 * surrogate (half of a UTF-16 pair, which JSON's `\ud800` escape can carry) is not a character
 * at all and becomes invalid UTF-8 in SQLite. Both are refused at the edge, the same on every
 * database. Bounds: a PostgreSQL B-tree index entry holds at most 2,704 bytes, so every
 * indexed text has a length in the schema well below it.
 * @module
 */
import { Schema } from "effect"

/** The longest id any record has (ids are about 25 characters); longer ones are refused. */
export const idMaxLength = 100

const nul = String.fromCharCode(0)
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
// Most text holds no surrogate at all: a plain search rules that out before the slower one.
const anySurrogate = /[\ud800-\udfff]/

/** Why a string from outside is refused (U+0000, a lone surrogate), or undefined when it is fine. */
export const textRefusal = (s: string): string | undefined =>
  s.includes(nul)
    ? "must not contain the NUL character (U+0000)"
    : anySurrogate.test(s) && loneSurrogate.test(s)
      ? "must not contain a lone surrogate (not a character)"
      : undefined

/** Whether a string can be stored as it is on every database. */
export const isStorableText = (s: string): boolean => textRefusal(s) === undefined

/** One refused string inside a value: where it is (keys and indexes) and why. */
export interface TextIssue {
  readonly path: ReadonlyArray<string | number>
  readonly message: string
}

interface Step {
  readonly value: unknown
  readonly key: string | number | undefined
  readonly parent: Step | undefined
}

const pathOf = (step: Step, last?: string): ReadonlyArray<string | number> => {
  const path: Array<string | number> = last === undefined ? [] : [last]
  for (let s: Step | undefined = step; s?.key !== undefined; s = s.parent) path.push(s.key)
  return path.reverse()
}

/**
 * Every refused string inside a decoded JSON value (object keys included), in document order,
 * up to `limit` issues. The walk keeps its own stack and links each step to its parent, so
 * any depth of nesting costs linear time and no call stack.
 */
export const textIssues = (value: unknown, limit = 20): ReadonlyArray<TextIssue> => {
  const issues: Array<TextIssue> = []
  const stack: Array<Step> = [{ value, key: undefined, parent: undefined }]
  while (stack.length > 0 && issues.length < limit) {
    const step = stack.pop()!
    const v = step.value
    if (typeof v === "string") {
      const message = textRefusal(v)
      if (message) issues.push({ path: pathOf(step), message })
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: i, parent: step })
    } else if (v !== null && typeof v === "object") {
      const keys = Object.keys(v)
      for (const key of keys) {
        const message = textRefusal(key)
        if (message) issues.push({ path: pathOf(step, key), message: `its name ${message}` })
      }
      for (let i = keys.length - 1; i >= 0; i--)
        stack.push({ value: (v as Record<string, unknown>)[keys[i]!], key: keys[i]!, parent: step })
    }
  }
  return issues.slice(0, limit)
}

/** A string that every database stores as it is: no U+0000, no lone surrogate. */
export const StorableText = Schema.String.pipe(
  Schema.filter((s) => textRefusal(s) ?? true),
  Schema.annotations({ identifier: "StorableText" }),
)
