/**
 * Applies a retention policy on a date: erases the personal data and deletes the technical
 * records whose period has ended, or, as a dry run, only counts them. The worker runs it on a
 * schedule; the API answers dry runs.
 * @module
 */
import {
  addDays,
  dueCutoff,
  dueForErasure,
  type IsoDate,
  type RetentionCategory,
  type RetentionPolicy,
  RetentionReport,
} from "@coordina/domain"
import { Effect } from "effect"
import { IdempotencyKeys } from "./IdempotencyKeys.js"
import { LoginAttempts } from "./LoginAttempts.js"
import { PersonalData } from "./PersonalData.js"
import { RetentionRuns } from "./RetentionRuns.js"
import { SessionsRepository } from "./SessionsRepository.js"

/** One retention run's inputs. `salt` is needed only to erase (not for a dry run). */
export interface RetentionRun {
  readonly policy: RetentionPolicy
  readonly asOf: IsoDate
  readonly dryRun: boolean
  readonly actor: string
  readonly salt?: string | undefined
}

/** Runs (or dry-runs) the policy and records the run; answers counts per category. */
export const runRetention = Effect.fn("runRetention")(function* (run: RetentionRun) {
  const personal = yield* PersonalData
  const sessions = yield* SessionsRepository
  const attempts = yield* LoginAttempts
  const idempotency = yield* IdempotencyKeys
  const erase = !run.dryRun && run.salt !== undefined
  if (!run.dryRun && run.salt === undefined)
    return yield* Effect.dieMessage("retention needs the pseudonym salt")

  // The first instant after the last due day: a technical record ended before it is due.
  const before = (category: RetentionCategory) => {
    const rule = run.policy.find((r) => r.category === category)
    return rule ? `${addDays(dueCutoff(rule, run.asOf), 1)}T00:00:00.000Z` : undefined
  }
  const purge = (
    category: RetentionCategory,
    f: (cutoff: string, dryRun: boolean) => Effect.Effect<number>,
  ) => {
    const cutoff = before(category)
    return cutoff === undefined ? Effect.succeed(0) : f(cutoff, run.dryRun)
  }

  const people = dueForErasure(
    run.policy,
    "participant_personal",
    yield* personal.personCandidates(),
    run.asOf,
  )
  const beneficiaries = dueForErasure(
    run.policy,
    "beneficiary_personal",
    yield* personal.beneficiaryCandidates(),
    run.asOf,
  )
  let peopleErased = 0
  if (erase) {
    for (const p of people) {
      const erased = yield* personal.erasePerson(p.id, run.salt!, run.actor).pipe(
        Effect.map((e) => e.records),
        Effect.catchTags({ AlreadyErased: () => Effect.succeed(0), PersonNotFound: () => Effect.succeed(0) }),
      )
      peopleErased += erased > 0 ? 1 : 0
    }
    for (const b of beneficiaries)
      yield* personal
        .eraseBeneficiary(b.id, run.salt!, run.actor)
        .pipe(Effect.catchTags({ AlreadyErased: () => Effect.void, BeneficiaryNotFound: () => Effect.void }))
  }
  const report = new RetentionReport({
    asOf: run.asOf,
    dryRun: run.dryRun,
    counts: {
      participant_personal: erase ? peopleErased : people.length,
      beneficiary_personal: beneficiaries.length,
      sessions: yield* purge("sessions", sessions.purgeEndedBefore),
      login_attempts: yield* purge("login_attempts", attempts.purgeBefore),
      idempotency_keys: yield* purge("idempotency_keys", idempotency.purgeBefore),
    },
  })
  yield* (yield* RetentionRuns).record(report, run.actor)
  return report
})
