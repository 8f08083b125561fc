/**
 * Capacity-building projects: create, list and read them in the caller's scope, and extend
 * their period.
 * @module
 */
import {
  checkExtension,
  type Extension,
  extensionMonths,
  type NewProject,
  type Principal,
  type ProjectView,
  projectScope,
  toProjectView,
} from "@coordina/domain"
import { type Page, type PageRequest, ProjectsRepository } from "@coordina/store"
import { Context, Effect, Layer } from "effect"
import { Ids } from "./Ids.js"
import { createAudited, transaction } from "./Transaction.js"
import { audit, captureWrites, visibleProject } from "./UseCase.js"

const make = Effect.gen(function* () {
  const projects = yield* ProjectsRepository
  const ids = yield* Ids
  const writes = yield* captureWrites

  /** Creates a project (audited). */
  const create = Effect.fn("Projects.create")(function* (principal: Principal, input: NewProject) {
    const id = yield* ids.next("prj")
    return yield* writes(createAudited(principal.id, "project", projects.create(input, id))).pipe(
      Effect.map(toProjectView),
    )
  })

  /** A page of the projects the caller works on; filtered in the query, so pages are full. */
  const list = Effect.fn("Projects.list")(function* (principal: Principal, page: PageRequest) {
    const found = yield* projects.list({ ...page, scope: projectScope(principal) })
    return { items: found.items.map(toProjectView), nextCursor: found.nextCursor } satisfies Page<ProjectView>
  })

  /** A project the caller may see, with its current end date. */
  const get = Effect.fn("Projects.get")(function* (principal: Principal, id: string) {
    return toProjectView(yield* visibleProject(projects, principal, id))
  })

  /**
   * Lengthens a project's period (audited with the project before and after), within the
   * domain's cap on all extensions together; past it nothing is written.
   */
  const extend = Effect.fn("Projects.extend")(function* (
    principal: Principal,
    id: string,
    extension: Extension,
  ) {
    const extensionId = yield* ids.next("ext")
    return yield* writes(
      transaction(
        Effect.gen(function* () {
          const project = yield* visibleProject(projects, principal, id)
          yield* checkExtension(project, extension)
          const extended = yield* projects.addExtension(id, extension, extensionId)
          // Checked again on what the transaction wrote, once it holds the project's row: an
          // extension committed in parallel counts too, and past the cap all is rolled back.
          const othersMonths = extensionMonths(extended) - extension.months
          yield* checkExtension({ id, extensions: [{ months: othersMonths }] }, extension)
          const before = toProjectView(project)
          const after = toProjectView(extended)
          yield* audit({ actor: principal.id, action: "extend", entity: `project:${id}`, before, after })
          return after
        }),
      ),
    )
  })

  return { create, list, get, extend } as const
})

/** The projects use cases. */
export class Projects extends Context.Tag("@coordina/app/Projects")<
  Projects,
  Effect.Effect.Success<typeof make>
>() {
  /** Over the store, the audit log and the ids. */
  static readonly layer = Layer.effect(Projects, make)
}
