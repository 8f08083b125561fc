/**
 * Dissemination activities of the caller's projects: record, list, read. An activity of another
 * project answers like a missing one.
 * @module
 */
import {
  canSeeProject,
  daySpan,
  DisseminationActivityNotFound,
  type NewDisseminationActivity,
  type Principal,
  projectScope,
} from "@coordina/domain"
import { DisseminationRepository, type PageRequest, ProjectsRepository } from "@coordina/store"
import { Context, Effect, Layer } from "effect"
import { Ids } from "./Ids.js"
import { periodGuard } from "./PeriodLocks.js"
import { createAudited } from "./Transaction.js"
import { captureWrites, visibleProject } from "./UseCase.js"

/** The filters of an activity list. */
export interface DisseminationQuery extends PageRequest {
  readonly projectId?: string | undefined
}

const make = Effect.gen(function* () {
  const activities = yield* DisseminationRepository
  const projects = yield* ProjectsRepository
  const ids = yield* Ids
  const writes = yield* captureWrites
  const guard = yield* periodGuard

  /** Records an activity of a project the caller works on (audited). */
  const create = Effect.fn("Dissemination.create")(function* (
    principal: Principal,
    input: NewDisseminationActivity,
  ) {
    const id = yield* ids.next("dis")
    return yield* writes(
      createAudited(
        principal.id,
        "dissemination",
        visibleProject(projects, principal, input.projectId).pipe(
          Effect.zipRight(
            guard({
              projectId: input.projectId,
              span: daySpan(input.date),
              actor: principal.id,
              entity: `dissemination:${id}`,
              change: `recorded dissemination ${id} (${input.kind}, ${input.date})`,
            }),
          ),
          Effect.zipRight(activities.create(input, id)),
        ),
      ),
    )
  })

  /** A page of the activities of the caller's projects (filtered in the query, so pages are full). */
  const list = Effect.fn("Dissemination.list")(function* (principal: Principal, query: DisseminationQuery) {
    if (query.projectId) yield* visibleProject(projects, principal, query.projectId)
    return yield* activities.list({ ...query, scope: projectScope(principal) })
  })

  /** One activity of the caller's projects. */
  const get = (principal: Principal, id: string) =>
    activities.get(id).pipe(
      Effect.filterOrFail(
        (a) => canSeeProject(principal, a.projectId),
        () => new DisseminationActivityNotFound({ activityId: id }),
      ),
    )

  return { create, list, get } as const
})

/** The dissemination use cases. */
export class Dissemination extends Context.Tag("@coordina/app/Dissemination")<
  Dissemination,
  Effect.Effect.Success<typeof make>
>() {
  /** Over the store, the audit log and the ids. */
  static readonly layer = Layer.effect(Dissemination, make)
}
