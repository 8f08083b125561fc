/**
 * The answer to an import or its dry run, as the API shows it.
 * @module
 */
import { Schema } from "effect"
import { ReachExclusion } from "../reach/Exclusion.js"
import type { ImportPlan, RowOutcome } from "./Plan.js"

const PersonRef = Schema.Struct({
  personId: Schema.String,
  givenName: Schema.String,
  familyName: Schema.String,
  institutionId: Schema.String,
})

/** A new person with the name of someone at another institution: to confirm and merge, or not. */
export const SheetPossibleDuplicate = Schema.Struct({
  row: Schema.Int,
  personId: Schema.optional(Schema.String).annotations({ description: "Absent in a dry run" }),
  givenName: Schema.String,
  familyName: Schema.String,
  institutionId: Schema.String,
  candidates: Schema.Array(PersonRef),
}).annotations({ identifier: "SheetPossibleDuplicate" })

/** What happened, or would happen, to the person of one row. */
export const SheetRowOutcome = Schema.Struct({
  row: Schema.Int,
  outcome: Schema.Literal("created", "matched"),
  personId: Schema.optional(Schema.String).annotations({
    description: "Absent for a new person in a dry run",
  }),
  matchedBy: Schema.optional(Schema.Literal("email", "name_and_institution")),
  givenName: Schema.String,
  familyName: Schema.String,
  institutionId: Schema.String,
  notCounted: Schema.optional(ReachExclusion).annotations({
    description: "Why the row will not count toward direct reach; absent when it will",
  }),
}).annotations({ identifier: "SheetRowOutcome" })

/** The answer to a sign-in sheet import, or to its dry run (the preview). */
export const SignInSheetResult = Schema.Struct({
  dryRun: Schema.Boolean,
  rows: Schema.Int,
  peopleCreated: Schema.Int,
  peopleMatched: Schema.Int,
  possibleDuplicates: Schema.Array(SheetPossibleDuplicate),
  participations: Schema.Struct({ created: Schema.Int, updated: Schema.Int, unchanged: Schema.Int }),
  people: Schema.Array(SheetRowOutcome),
}).annotations({ identifier: "SignInSheetResult" })
/** The answer to a sign-in sheet import. */
export type SignInSheetResult = typeof SignInSheetResult.Type

type Mutable<A> = { -readonly [K in keyof A]: A[K] }

/**
 * The answer for a plan; a dry run leaves out the ids of people it did not create. `notCounted`,
 * when given, says of each row why it will not count toward direct reach (see `reachExclusion`).
 */
export const summarisePlan = (
  plan: ImportPlan,
  dryRun: boolean,
  notCounted?: (outcome: RowOutcome) => ReachExclusion | undefined,
): SignInSheetResult => {
  const created = dryRun ? new Set(plan.createPeople.map((p) => p.id)) : undefined
  const shown = (personId: string) => created === undefined || !created.has(personId)
  let matched = 0
  // Built field by field rather than spread: a sheet has up to 50,000 outcomes.
  const people = plan.outcomes.map((o) => {
    const out: Mutable<typeof SheetRowOutcome.Type> = {
      row: o.row,
      outcome: o.outcome,
      givenName: o.givenName,
      familyName: o.familyName,
      institutionId: o.institutionId,
    }
    if (o.outcome === "matched") matched++
    if (shown(o.personId)) out.personId = o.personId
    if (o.matchedBy) out.matchedBy = o.matchedBy
    const reason = notCounted?.(o)
    if (reason !== undefined) out.notCounted = reason
    return out
  })
  return {
    dryRun,
    rows: plan.rows,
    peopleCreated: plan.createPeople.length,
    peopleMatched: matched,
    possibleDuplicates: plan.possibleDuplicates.map(({ personId, ...rest }) => ({
      ...rest,
      ...(shown(personId) ? { personId } : {}),
    })),
    participations: {
      created: plan.createParticipations.length,
      updated: plan.updateParticipations.length,
      unchanged: plan.unchangedParticipations,
    },
    people,
  }
}
