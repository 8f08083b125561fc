/**
 * Who is the same person. People arrive from registration forms, check-in and sign-in sheets,
 * in Cyrillic and Latin; matching, in order:
 * 1. the same email (trimmed, lower-cased) is the same person;
 * 2. the same normalised full name at the same institution is the same person;
 * 3. the same normalised name at another institution is only a possible duplicate, listed for
 *    a person to confirm and merge, never merged on its own.
 * @module
 */
import { Schema } from "effect"
import { personKeys } from "./Person.js"

/** A person on file, as matching sees them. Pass surviving records only (not merged ones). */
export interface MatchCandidate {
  readonly id: string
  readonly nameKey: string
  readonly emailKey?: string | undefined
  readonly institutionId: string
}

/** Someone arriving: a sheet row, a form. */
export interface MatchInput {
  readonly givenName: string
  readonly familyName: string
  readonly email?: string | undefined
  readonly institutionId: string
}

/** The outcome of matching someone against the people on file. */
export type MatchResult =
  | { readonly _tag: "SameEmail"; readonly personId: string }
  | { readonly _tag: "SameNameAndInstitution"; readonly personId: string }
  | { readonly _tag: "New"; readonly possibleDuplicates: ReadonlyArray<string> }

const byId = (a: MatchCandidate, b: MatchCandidate) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** Someone arriving, by the keys they are matched on ({@link personKeys}, worked out once). */
export interface MatchKeys {
  readonly nameKey: string
  readonly emailKey?: string | undefined
  readonly institutionId: string
}

/**
 * Matches someone against candidates (any superset of the people sharing their email or name
 * key will do). When several records share a name at the institution, the oldest (lowest id)
 * wins, so the answer does not depend on the order of the candidates.
 */
export const matchPerson = (input: MatchInput, candidates: ReadonlyArray<MatchCandidate>): MatchResult =>
  matchByKeys({ ...personKeys(input), institutionId: input.institutionId }, candidates)

/** {@link matchPerson} for someone whose keys are known already (a sheet row carries its own). */
export const matchByKeys = (input: MatchKeys, candidates: ReadonlyArray<MatchCandidate>): MatchResult => {
  const { nameKey, emailKey } = input
  const sorted = candidates.length > 1 ? [...candidates].sort(byId) : candidates
  if (emailKey !== undefined) {
    const byEmail = sorted.find((c) => c.emailKey === emailKey)
    if (byEmail) return { _tag: "SameEmail", personId: byEmail.id }
  }
  const sameName = sorted.filter((c) => c.nameKey === nameKey)
  const here = sameName.find((c) => c.institutionId === input.institutionId)
  if (here) return { _tag: "SameNameAndInstitution", personId: here.id }
  return { _tag: "New", possibleDuplicates: sameName.map((c) => c.id) }
}

/** A group of records that share a normalised name at more than one institution. */
export interface DuplicateGroup {
  readonly nameKey: string
  readonly personIds: ReadonlyArray<string>
}

/**
 * The possible duplicates among people on file: records with the same name key at two or more
 * institutions. Records at the same institution with the same name are matched, not listed,
 * but still appear in a group that spans institutions so the reviewer sees them all.
 */
export const possibleDuplicateGroups = (
  people: ReadonlyArray<MatchCandidate>,
): ReadonlyArray<DuplicateGroup> => {
  const groups = new Map<string, Array<MatchCandidate>>()
  for (const p of people) {
    const group = groups.get(p.nameKey)
    if (group) group.push(p)
    else groups.set(p.nameKey, [p])
  }
  return [...groups.entries()]
    .filter(([, members]) => new Set(members.map((m) => m.institutionId)).size > 1)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([nameKey, members]) => ({ nameKey, personIds: members.sort(byId).map((m) => m.id) }))
}

/**
 * The key of a pair of records, the same whichever order they come in, so a dismissal of (a, b)
 * also covers (b, a).
 */
export const duplicatePairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`)

/**
 * Possible duplicates without the pairs a reviewer dismissed as two people: a group keeps the
 * records that still form an undismissed pair with another of its records, and a group with no
 * such pair left is gone.
 */
export const withoutDismissedPairs = (
  groups: ReadonlyArray<DuplicateGroup>,
  dismissed: ReadonlySet<string>,
): ReadonlyArray<DuplicateGroup> =>
  groups.flatMap((group) => {
    const kept = group.personIds.filter((a) =>
      group.personIds.some((b) => b !== a && !dismissed.has(duplicatePairKey(a, b))),
    )
    return kept.length > 1 ? [{ nameKey: group.nameKey, personIds: kept }] : []
  })

const PersonId = Schema.String.pipe(Schema.minLength(1), Schema.maxLength(100))

/**
 * What a client sends to say two records are two different people (or, to `DELETE`, to take
 * that back): the pair, in any order, of two different records.
 */
export const DuplicateDismissalRequest = Schema.Struct({
  personIds: Schema.Tuple(PersonId, PersonId)
    .pipe(Schema.filter(([a, b]) => a !== b || "the two records must be different"))
    .annotations({ description: "The two records, in any order" }),
}).annotations({ identifier: "DuplicateDismissalRequest" })
/** The pair a client names as two different people. */
export type DuplicateDismissalRequest = typeof DuplicateDismissalRequest.Type

/** A pair a reviewer dismissed as two people: no longer offered as possible duplicates. */
export class DuplicateDismissal extends Schema.Class<DuplicateDismissal>("DuplicateDismissal")({
  personIds: Schema.Tuple(Schema.String, Schema.String).annotations({
    description: "The two records, in id order",
  }),
  dismissedBy: Schema.String.annotations({ description: "Who dismissed the pair" }),
  dismissedAt: Schema.String.annotations({ description: "When, as an ISO instant" }),
}) {}

/** Undoing a dismissal that was never made (or already undone). */
export class DuplicateDismissalNotFound extends Schema.TaggedError<DuplicateDismissalNotFound>()(
  "DuplicateDismissalNotFound",
  { personIds: Schema.Tuple(Schema.String, Schema.String) },
) {}

/** The pair in id order, as it is stored and answered. */
export const orderedPair = (a: string, b: string): readonly [string, string] => (a < b ? [a, b] : [b, a])
