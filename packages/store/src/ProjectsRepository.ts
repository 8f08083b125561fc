/**
 * Projects and their extensions.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import {
  Extension,
  type NewProject,
  Project,
  ProjectCodeTaken,
  ProjectNotFound,
  Target,
  TargetGroup,
} from "@coordina/domain"
import { Context, DateTime, Effect, Layer, Option, Schema } from "effect"
import { newId } from "./Ids.js"
import { inScope, int, json, opt, type Page, type PageRequest, pageSize, toPage } from "./Rows.js"

const decodeProject = Schema.decodeUnknownSync(Project)

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const extensionsOf = (ids: ReadonlyArray<string>) =>
    ids.length === 0
      ? Effect.succeed([] as ReadonlyArray<Record<string, unknown>>)
      : sql`SELECT project_id, months, reason FROM project_extensions WHERE ${sql.in("project_id", ids)} ORDER BY id`

  const assemble = (
    rows: ReadonlyArray<Record<string, unknown>>,
    extensions: ReadonlyArray<Record<string, unknown>>,
  ) =>
    rows.map((r) =>
      decodeProject({
        id: r.id,
        code: r.code,
        title: r.title,
        ...opt("funder", r.funder),
        startDate: r.startDate,
        durationMonths: int(r.durationMonths),
        targets: json<ReadonlyArray<unknown>>(r.targets).map((t) => Schema.encodeSync(Target)(t as Target)),
        ...(r.targetGroup == null ? {} : { targetGroup: json<unknown>(r.targetGroup) }),
        ...(r.minimumAttendanceShare == null
          ? {}
          : { minimumAttendanceShare: Number(r.minimumAttendanceShare) }),
        ...(int(r.agreementsInScope) === 1 ? { agreementsInScope: true } : {}),
        extensions: extensions
          .filter((e) => e.projectId === r.id)
          .map((e) =>
            Schema.encodeSync(Extension)(new Extension({ months: int(e.months), reason: String(e.reason) })),
          ),
        version: int(r.version),
      }),
    )

  const findById = (id: string) =>
    Effect.gen(function* () {
      const rows = yield* sql`SELECT * FROM projects WHERE id = ${id}`
      if (rows.length === 0) return Option.none<Project>()
      return Option.some(assemble(rows, yield* extensionsOf([id]))[0]!)
    })

  const get = Effect.fn("ProjectsRepository.get")(function* (id: string) {
    const found = yield* findById(id).pipe(Effect.orDie)
    return yield* Option.match(found, {
      onNone: () => Effect.fail(new ProjectNotFound({ projectId: id })),
      onSome: Effect.succeed,
    })
  })

  /** Creates a project under `id` (a new one when none is given). */
  const create = Effect.fn("ProjectsRepository.create")(function* (input: NewProject, id = newId("prj")) {
    const now = DateTime.formatIso(yield* DateTime.now)
    const taken = yield* sql`SELECT id FROM projects WHERE code = ${input.code}`.pipe(Effect.orDie)
    if (taken[0]) return yield* new ProjectCodeTaken({ code: input.code, existingId: String(taken[0].id) })
    yield* sql`INSERT INTO projects ${sql.insert({
      id,
      code: input.code,
      title: input.title,
      funder: input.funder ?? null,
      startDate: input.startDate,
      durationMonths: input.durationMonths,
      targets: JSON.stringify(input.targets.map((t) => Schema.encodeSync(Target)(t))),
      targetGroup: input.targetGroup
        ? JSON.stringify(Schema.encodeSync(TargetGroup)(input.targetGroup))
        : null,
      minimumAttendanceShare: input.minimumAttendanceShare ?? null,
      agreementsInScope: input.agreementsInScope ? 1 : 0,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })}`.pipe(Effect.orDie)
    return yield* get(id).pipe(Effect.orDie)
  })

  /** A page of projects by id; `scope` keeps the listed projects only (all by default). */
  const list = Effect.fn("ProjectsRepository.list")(function* (
    options: PageRequest & { readonly scope?: "all" | ReadonlyArray<string> },
  ) {
    const limit = pageSize(options.limit)
    const rows = yield* sql`
      SELECT * FROM projects
      WHERE ${options.cursor ? sql`id > ${options.cursor}` : sql`1 = 1`}
        AND ${inScope(sql, "id", options.scope ?? "all")}
      ORDER BY id LIMIT ${limit + 1}`.pipe(Effect.orDie)
    const extensions = yield* extensionsOf(rows.map((r) => String(r.id))).pipe(Effect.orDie)
    return toPage(assemble(rows, extensions), limit) satisfies Page<Project>
  })

  const addExtension = Effect.fn("ProjectsRepository.addExtension")(function* (
    id: string,
    extension: Extension,
    extensionId = newId("ext"),
  ) {
    const now = DateTime.formatIso(yield* DateTime.now)
    yield* get(id)
    yield* sql
      .withTransaction(
        Effect.all([
          sql`INSERT INTO project_extensions ${sql.insert({
            id: extensionId,
            projectId: id,
            months: extension.months,
            reason: extension.reason,
            createdAt: now,
          })}`,
          sql`UPDATE projects SET version = version + 1, updated_at = ${now} WHERE id = ${id}`,
        ]),
      )
      .pipe(Effect.orDie)
    return yield* get(id).pipe(Effect.orDie)
  })

  return { get, create, list, addExtension } as const
})

/** Stores projects and their extensions. */
export class ProjectsRepository extends Context.Tag("@coordina/store/ProjectsRepository")<
  ProjectsRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(ProjectsRepository, make)
}
