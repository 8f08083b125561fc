/**
 * The five breakdowns of direct reach and where a reached person is counted in them.
 * @module
 */
import { Schema } from "effect"
import type { IsoDate } from "../CalendarDate.js"
import type { EventKind } from "../Event.js"
import type { InstitutionFacts } from "../Institution.js"
import type { Gender } from "../Person.js"

/** The five breakdowns of direct reach, named as in the API. */
export const BreakdownKey = Schema.Literal(
  "byInstitutionKind",
  "byLevel",
  "byPlanningRegion",
  "byGender",
  "byEventKind",
).annotations({ identifier: "BreakdownKey" })
/** One of the five breakdowns of direct reach. */
export type BreakdownKey = typeof BreakdownKey.Type

/** Every breakdown, in the order the API lists them. */
export const breakdownKeys: ReadonlyArray<BreakdownKey> = BreakdownKey.literals

/** The bucket of values a breakdown has no value for. */
export const unknownBucket = "unknown"

/** Where a reached person is counted: the facts of their first qualifying participation. */
export interface Attribution {
  readonly personId: string
  /** The first attended day of the first qualifying participation. */
  readonly day: IsoDate
  readonly eventId: string
  readonly eventKind: EventKind | undefined
  readonly institution: InstitutionFacts | undefined
  readonly gender: Gender | undefined
}

/** The bucket a person falls in for a breakdown. */
export const bucketOf = (a: Attribution, key: BreakdownKey): string => {
  switch (key) {
    case "byInstitutionKind":
      return a.institution?.kind ?? unknownBucket
    case "byLevel":
      return a.institution?.level ?? unknownBucket
    case "byPlanningRegion":
      return a.institution?.planningRegion ?? unknownBucket
    case "byGender":
      return a.gender ?? unknownBucket
    case "byEventKind":
      return a.eventKind ?? unknownBucket
  }
}

/** Counts per bucket; buckets with nobody in them are left out. */
export type Counts = Readonly<Record<string, number>>

/** The breakdowns of a set of attributed people. */
export const breakdownsOf = (people: Iterable<Attribution>): Readonly<Record<BreakdownKey, Counts>> => {
  const out = Object.fromEntries(breakdownKeys.map((k) => [k, {} as Record<string, number>])) as Record<
    BreakdownKey,
    Record<string, number>
  >
  for (const a of people) {
    for (const k of breakdownKeys) {
      const bucket = bucketOf(a, k)
      out[k][bucket] = (out[k][bucket] ?? 0) + 1
    }
  }
  return out
}
