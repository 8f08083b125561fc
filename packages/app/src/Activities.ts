/**
 * The project plan's use cases: list, add and change activities and write their progress
 * texts, each in one transaction with its audit entry, within the caller's projects.
 * @module
 */
import {
  type Activity,
  type ActivityPatch,
  applyActivityPatch,
  canSeeProject,
  type IsoDate,
  type NewActivity,
  type NewActivityProgress,
  type PlanEntry,
  planDatesProblem,
  PlanRuleViolated,
  type Principal,
  ProjectNotFound,
  ActivityNotFound,
  projectEndDate,
  toActivityView,
  type Project,
} from "@coordina/domain"
import { ActivitiesRepository, AuditLog, ProjectsRepository } from "@coordina/store"
import { Context, Effect, Layer } from "effect"
import { nextId } from "./Ids.js"
import { periodGuard } from "./PeriodLocks.js"
import { createAudited, transaction } from "./Transaction.js"

const periodOf = (p: Project): { start: IsoDate; end: IsoDate } => ({
  start: p.startDate,
  end: projectEndDate(p),
})

const planEntry = (a: Activity): PlanEntry => {
  const { id: _id, projectId: _p, progress: _g, version: _v, ...entry } = a
  return entry
}

const make = Effect.gen(function* () {
  const activities = yield* ActivitiesRepository
  const projects = yield* ProjectsRepository
  const audit = yield* AuditLog
  const guard = yield* periodGuard

  /** A project the caller may see; another coordinator's is not found. */
  const visibleProject = (principal: Principal, projectId: string) =>
    canSeeProject(principal, projectId)
      ? projects.get(projectId)
      : Effect.fail(new ProjectNotFound({ projectId }))

  /** An activity of a project the caller may see, with that project. */
  const visibleActivity = (principal: Principal, id: string) =>
    Effect.gen(function* () {
      const activity = yield* activities.get(id)
      if (!canSeeProject(principal, activity.projectId))
        return yield* new ActivityNotFound({ activityId: id })
      const project = yield* projects.get(activity.projectId).pipe(Effect.orDie)
      return { activity, project }
    })

  const checkDates = (entry: PlanEntry) => {
    const problem = planDatesProblem(entry)
    return problem
      ? Effect.fail(
          new PlanRuleViolated({
            message: problem.message,
            errors: [{ path: problem.path.join("."), message: problem.message }],
          }),
        )
      : Effect.void
  }

  const list = Effect.fn("Activities.list")(function* (principal: Principal, projectId: string) {
    const project = yield* visibleProject(principal, projectId)
    const plan = yield* activities.listByProject(projectId)
    return plan.map((a) => toActivityView(a, periodOf(project)))
  })

  const create = Effect.fn("Activities.create")(function* (
    principal: Principal,
    projectId: string,
    input: NewActivity,
  ) {
    const project = yield* visibleProject(principal, projectId)
    const id = yield* nextId("act")
    const created = yield* createAudited(principal.id, "activity", activities.create(id, projectId, input))
    return toActivityView(created, periodOf(project))
  })

  const update = Effect.fn("Activities.update")(function* (
    principal: Principal,
    id: string,
    expectedVersion: number,
    patch: ActivityPatch,
  ) {
    return yield* transaction(
      Effect.gen(function* () {
        const { activity, project } = yield* visibleActivity(principal, id)
        const entry = applyActivityPatch(planEntry(activity), patch)
        yield* checkDates(entry)
        const updated = yield* activities.update(id, expectedVersion, entry)
        yield* audit.record({
          actor: principal.id,
          action: "update",
          entity: `activity:${id}`,
          before: activity,
          after: updated,
        })
        return toActivityView(updated, periodOf(project))
      }),
    )
  })

  const addProgress = Effect.fn("Activities.addProgress")(function* (
    principal: Principal,
    id: string,
    progress: NewActivityProgress,
  ) {
    const progressId = yield* nextId("apg")
    return yield* transaction(
      Effect.gen(function* () {
        const { activity, project } = yield* visibleActivity(principal, id)
        yield* guard({
          projectId: project.id,
          span: { start: progress.periodStart, end: progress.periodEnd },
          actor: principal.id,
          entity: `activity:${id}`,
          change: `progress text ${progressId} of ${activity.code} for ${progress.periodStart} – ${progress.periodEnd}`,
        })
        const updated = yield* activities.addProgress(id, progressId, progress)
        yield* audit.record({
          actor: principal.id,
          action: "update",
          entity: `activity:${id}`,
          before: activity,
          after: updated,
        })
        return toActivityView(updated, periodOf(project))
      }),
    )
  })

  return { list, create, update, addProgress } as const
})

/** The project plan's use cases. */
export class Activities extends Context.Tag("@coordina/app/Activities")<
  Activities,
  Effect.Effect.Success<typeof make>
>() {
  /** The service over the store. */
  static readonly layer = Layer.effect(Activities, make)
}
