/**
 * Locked periods as use cases: the guard every write of a project's dated records runs inside
 * its own transaction (refuse a change in a locked period; record a correction of an unlocked
 * one as a revision), a project's locks and revisions, and an admin's unlock with a reason.
 * Submitting a report version, which creates a lock, is `Reports.submit`.
 * @module
 */
import {
  canSeeProject,
  type DateSpan,
  LockNotFound,
  LockNotInForce,
  lockDecision,
  periodLocked,
  type PeriodLocked,
  type Principal,
  ProjectNotFound,
} from "@coordina/domain"
import { AuditLog, PeriodLocksRepository, ProjectsRepository, toLockView } from "@coordina/store"
import { Context, Effect, Layer, Option } from "effect"
import { Ids } from "./Ids.js"
import { Today } from "./Today.js"
import { transaction } from "./Transaction.js"

/** A write of a record dated in `span`, as the guard sees it. */
export interface DatedWrite {
  readonly projectId: string
  readonly span: DateSpan
  readonly actor: string
  /** `kind:id` of the record written. */
  readonly entity: string
  /** What the write changes, without names: it becomes the revision's text. */
  readonly change: string
  /** A preview that stores nothing: refused like the write, but no revision is recorded. */
  readonly dryRun?: boolean | undefined
}

/**
 * Builds the guard for a service: run it inside the write's transaction, before the write. It
 * holds the project's row (so a submission cannot commit a lock between this check and the
 * write), refuses a span a lock in force covers, and records a revision when the span lies in an
 * unlocked period.
 */
export const periodGuard = Effect.gen(function* () {
  const locks = yield* PeriodLocksRepository
  const ids = yield* Ids
  const clock = yield* Today
  return (write: DatedWrite): Effect.Effect<void, PeriodLocked> =>
    Effect.gen(function* () {
      yield* locks.holdForWrite(write.projectId)
      const decision = lockDecision(yield* locks.listByProject(write.projectId), write.span)
      if (decision._tag === "Locked") return yield* periodLocked(write.projectId, decision.lock, write.span)
      if (decision._tag === "Revision" && !write.dryRun)
        yield* locks.addRevision({
          id: yield* ids.next("rev"),
          projectId: write.projectId,
          lockId: decision.lock.id,
          at: yield* clock.nowIso,
          actor: write.actor,
          entity: write.entity,
          change: write.change,
        })
    })
})

const make = Effect.gen(function* () {
  const locks = yield* PeriodLocksRepository
  const projects = yield* ProjectsRepository
  const audit = yield* AuditLog
  const clock = yield* Today

  const visibleProject = (principal: Principal, projectId: string) =>
    canSeeProject(principal, projectId)
      ? projects.get(projectId)
      : Effect.fail(new ProjectNotFound({ projectId }))

  /** The project's locks, by period. */
  const list = Effect.fn("PeriodLocks.list")(function* (principal: Principal, projectId: string) {
    yield* visibleProject(principal, projectId)
    return (yield* locks.listByProject(projectId)).map(toLockView)
  })

  /** The project's revisions (corrections of unlocked periods), oldest first. */
  const revisions = Effect.fn("PeriodLocks.revisions")(function* (principal: Principal, projectId: string) {
    yield* visibleProject(principal, projectId)
    return yield* locks.revisions(projectId)
  })

  /** Unlocks a lock in force (the route lets only admins here), audited with the reason. */
  const unlock = Effect.fn("PeriodLocks.unlock")(function* (
    principal: Principal,
    projectId: string,
    lockId: string,
    reason: string,
  ) {
    yield* visibleProject(principal, projectId)
    const at = yield* clock.nowIso
    return yield* transaction(
      Effect.gen(function* () {
        yield* locks.holdForLocking(projectId)
        const found = yield* locks.get(projectId, lockId)
        if (Option.isNone(found)) return yield* new LockNotFound({ lockId })
        const before = found.value
        if (before.unlockedAt !== undefined)
          return yield* new LockNotInForce({ lockId, unlockedAt: before.unlockedAt })
        if (!(yield* locks.unlock(lockId, principal.id, at, reason)))
          return yield* new LockNotInForce({ lockId, unlockedAt: at })
        const after = toLockView({ ...before, unlockedAt: at, unlockedBy: principal.id, reason })
        yield* audit.record({
          actor: principal.id,
          action: "unlock",
          entity: `period-lock:${lockId}`,
          before: toLockView(before),
          after,
        })
        return after
      }),
    )
  })

  return { list, revisions, unlock } as const
})

/** A project's locked periods and revisions. */
export class PeriodLocks extends Context.Tag("@coordina/app/PeriodLocks")<
  PeriodLocks,
  Effect.Effect.Success<typeof make>
>() {
  /** Over the store and the clock. */
  static readonly layer = Layer.effect(PeriodLocks, make)
}
