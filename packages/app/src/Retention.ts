/**
 * The retention policy applied on a day: erases the personal data whose period has ended (through
 * the same erasure as a data subject's request) and deletes expired technical records, or, as a
 * dry run, only counts them. The API answers dry runs; the worker's nightly job runs it.
 * @module
 */
import {
  addDays,
  defaultRetentionPolicy,
  dueCutoff,
  dueForErasure,
  type IsoDate,
  type RetentionCategory,
  type RetentionPolicy,
  RetentionReport,
} from "@coordina/domain"
import {
  IdempotencyKeys,
  LoginAttempts,
  PersonalData,
  RetentionRuns,
  SessionsRepository,
} from "@coordina/store"
import { Context, Effect, Layer } from "effect"
import { type Actor, Privacy } from "./Privacy.js"
import { Today } from "./Today.js"

/** One retention run: the day (today by default), dry or not; erasing needs the pseudonym salt. */
export interface RetentionRun {
  readonly asOf?: IsoDate | undefined
  readonly dryRun: boolean
  readonly actor: Actor
  readonly salt?: string | undefined
  /** The policy to apply; Coordina's default policy unless a test says otherwise. */
  readonly policy?: RetentionPolicy
}

const make = Effect.gen(function* () {
  const personal = yield* PersonalData
  const privacy = yield* Privacy
  const sessions = yield* SessionsRepository
  const attempts = yield* LoginAttempts
  const idempotency = yield* IdempotencyKeys
  const runs = yield* RetentionRuns
  const today = yield* Today

  /** The policy in force. */
  const policy = Effect.succeed({ policy: defaultRetentionPolicy })

  /** Runs (or dry-runs) the policy and records the run; answers counts per category. */
  const run = Effect.fn("Retention.run")(function* (request: RetentionRun) {
    const rules = request.policy ?? defaultRetentionPolicy
    const asOf = request.asOf ?? (yield* today.date)
    const salt = request.salt
    if (!request.dryRun && salt === undefined)
      return yield* Effect.dieMessage("retention needs the pseudonym salt")
    const dryRun = request.dryRun

    // The first instant after the last due day: a technical record ended before it is due.
    const purge = (
      category: RetentionCategory,
      f: (cutoff: string, dryRun: boolean) => Effect.Effect<number>,
    ) => {
      const rule = rules.find((r) => r.category === category)
      return rule ? f(`${addDays(dueCutoff(rule, asOf), 1)}T00:00:00.000Z`, dryRun) : Effect.succeed(0)
    }

    const people = dueForErasure(rules, "participant_personal", yield* personal.personCandidates(), asOf)
    const beneficiaries = dueForErasure(
      rules,
      "beneficiary_personal",
      yield* personal.beneficiaryCandidates(),
      asOf,
    )
    let peopleErased = 0
    if (!dryRun && salt !== undefined) {
      for (const p of people) {
        const records = yield* privacy.erasePerson(request.actor, p.id, salt).pipe(
          Effect.map((e) => e.records),
          Effect.catchTags({
            AlreadyErased: () => Effect.succeed(0),
            PersonNotFound: () => Effect.succeed(0),
          }),
        )
        peopleErased += records > 0 ? 1 : 0
      }
      for (const b of beneficiaries)
        yield* privacy
          .eraseBeneficiary(request.actor, b.id, salt)
          .pipe(
            Effect.catchTags({ AlreadyErased: () => Effect.void, BeneficiaryNotFound: () => Effect.void }),
          )
    }
    const report = new RetentionReport({
      asOf,
      dryRun,
      counts: {
        participant_personal: dryRun ? people.length : peopleErased,
        beneficiary_personal: beneficiaries.length,
        sessions: yield* purge("sessions", sessions.purgeEndedBefore),
        login_attempts: yield* purge("login_attempts", attempts.purgeBefore),
        idempotency_keys: yield* purge("idempotency_keys", idempotency.purgeBefore),
      },
    })
    yield* runs.record(report, request.actor.id)
    return report
  })

  return { policy, run } as const
})

/** The retention use cases. */
export class Retention extends Context.Tag("@coordina/app/Retention")<
  Retention,
  Effect.Effect.Success<typeof make>
>() {
  /** Over the store, the clock and the erasure of {@link Privacy}. */
  static readonly layer = Layer.effect(Retention, make).pipe(Layer.provide(Privacy.layer))
}
