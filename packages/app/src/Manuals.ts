/**
 * The manual's use cases: start one for a project, replace its chapters (If-Match), publish
 * the chapters as the next version and read a version back. A coordinator works on the
 * manuals of their projects; another project's manual is not found. Publishing snapshots the
 * practices and recommendations as they are, so later edits of the library leave it unchanged.
 * A version's PDF and DOCX are made from that snapshot only, and handing a version out is
 * recorded as a dissemination activity of kind `manual_distribution`, so it counts in indirect
 * reach by the same rules as any other.
 * @module
 */
import {
  canSeeProject,
  chapterProblems,
  compactText,
  type Manual,
  type ManualChapters,
  ManualNotFound,
  ManualRejected,
  manualTitleProblems,
  ManualDistribution,
  type ManualDistributionInput,
  type NewManual,
  NewDisseminationActivity,
  type PathProblem,
  type Principal,
  ProjectNotFound,
  type Recommendation,
  type ReportLanguage,
} from "@coordina/domain"
import { renderManualDocx, renderManualPdf } from "@coordina/reports"
import {
  AuditLog,
  ManualsRepository,
  PracticesRepository,
  ProjectsRepository,
  RecommendationsRepository,
} from "@coordina/store"
import { Context, Effect, Layer } from "effect"
import { Dissemination } from "./Dissemination.js"
import { nextId } from "./Ids.js"
import { createAudited, transaction } from "./Transaction.js"

const rejected = (problems: ReadonlyArray<PathProblem>) =>
  new ManualRejected({ message: problems.map((e) => `${e.path}: ${e.message}`).join("; "), errors: problems })

const make = Effect.gen(function* () {
  const manuals = yield* ManualsRepository
  const projects = yield* ProjectsRepository
  const practices = yield* PracticesRepository
  const recommendations = yield* RecommendationsRepository
  const audit = yield* AuditLog
  const dissemination = yield* Dissemination

  /** A manual of a project the caller may see; another one is not found. */
  const visible = (principal: Principal, id: string) =>
    Effect.flatMap(manuals.get(id), (m) =>
      canSeeProject(principal, m.projectId)
        ? Effect.succeed(m)
        : Effect.fail(new ManualNotFound({ manualId: id })),
    )

  const create = Effect.fn("Manuals.create")(function* (principal: Principal, input: NewManual) {
    if (!canSeeProject(principal, input.projectId))
      return yield* new ProjectNotFound({ projectId: input.projectId })
    yield* projects.get(input.projectId)
    const title = compactText(input.title)
    const problems = manualTitleProblems(title)
    if (problems.length > 0) return yield* rejected(problems)
    const id = yield* nextId("man")
    return yield* createAudited(principal.id, "manual", manuals.create(id, input.projectId, title))
  })

  const get = Effect.fn("Manuals.get")(function* (principal: Principal, id: string) {
    return yield* visible(principal, id)
  })

  const setChapters = Effect.fn("Manuals.setChapters")(function* (
    principal: Principal,
    id: string,
    expectedVersion: number,
    input: ManualChapters,
  ) {
    const chapters = input.chapters.map((c) => ({
      ...c,
      title: compactText(c.title),
      ...(c.intro ? { intro: compactText(c.intro) } : {}),
    }))
    const problems: Array<PathProblem> = [...chapterProblems({ chapters } as ManualChapters)]
    const missingPractices = new Set(
      yield* practices.unknownPracticeIds(chapters.flatMap((c) => c.practiceIds)),
    )
    for (const [i, c] of chapters.entries()) {
      c.practiceIds.forEach((p, j) => {
        if (missingPractices.has(p))
          problems.push({ path: `chapters.${i}.practiceIds.${j}`, message: `no practice has the id ${p}` })
      })
      for (const [j, r] of c.recommendationIds.entries())
        if ((yield* recommendations.get(r)) === undefined)
          problems.push({
            path: `chapters.${i}.recommendationIds.${j}`,
            message: `no recommendation has the id ${r}`,
          })
    }
    if (problems.length > 0) return yield* rejected(problems)
    return yield* transaction(
      Effect.gen(function* () {
        const before = yield* visible(principal, id)
        const after = yield* manuals.setChapters(id, expectedVersion, chapters)
        yield* audit.record({ actor: principal.id, action: "update", entity: `manual:${id}`, before, after })
        return after
      }),
    )
  })

  /** Publishes the current chapters as the next version, with the library as it is now. */
  const publish = Effect.fn("Manuals.publish")(function* (principal: Principal, id: string) {
    return yield* transaction(
      Effect.gen(function* () {
        const manual: Manual = yield* visible(principal, id)
        const chapters = yield* Effect.forEach(manual.chapters, (c) =>
          Effect.gen(function* () {
            const recs: Array<Recommendation> = []
            for (const r of c.recommendationIds) {
              const found = yield* recommendations.get(r)
              if (found) recs.push(found)
            }
            const pras = yield* Effect.forEach(c.practiceIds, (p) => practices.get(p).pipe(Effect.orDie))
            return {
              title: c.title,
              ...(c.intro ? { intro: c.intro } : {}),
              recommendations: recs,
              practices: pras,
            }
          }),
        )
        const version = yield* manuals.publish(id, { title: manual.title, chapters })
        yield* audit.record({
          actor: principal.id,
          action: "create",
          entity: `manual:${id}`,
          after: { version: version.version, publishedAt: version.publishedAt },
        })
        return version
      }),
    )
  })

  const getVersion = Effect.fn("Manuals.getVersion")(function* (principal: Principal, id: string, n: number) {
    yield* visible(principal, id)
    return yield* manuals.getVersion(id, n)
  })

  /** A published version as a file: PDF or DOCX, in `language`, from the snapshot alone. */
  const exportVersion = Effect.fn("Manuals.exportVersion")(function* (
    principal: Principal,
    id: string,
    n: number,
    format: ManualFileFormat,
    language: ReportLanguage,
  ) {
    const version = yield* getVersion(principal, id, n)
    const bytes = yield* Effect.promise(() =>
      format === "pdf" ? renderManualPdf(version, language) : renderManualDocx(version, language),
    )
    return {
      bytes,
      fileName: `manual-${id}-v${n}-${language}.${format}`,
      mediaType: manualMediaTypes[format],
    } satisfies ManualFile
  })

  /**
   * Records that version `n` was handed out: a dissemination activity of kind
   * `manual_distribution` of the manual's project, titled with the manual, the version and the
   * channel, whose named people and count reach people indirectly by the reach rules.
   */
  const distribute = Effect.fn("Manuals.distribute")(function* (
    principal: Principal,
    id: string,
    n: number,
    input: ManualDistributionInput,
  ) {
    const manual = yield* visible(principal, id)
    const version = yield* manuals.getVersion(id, n)
    const title = manual.title.bg ?? manual.title.en ?? id
    const activity = yield* dissemination.create(
      principal,
      new NewDisseminationActivity({
        projectId: manual.projectId,
        kind: "manual_distribution",
        date: input.date,
        title: `${title}, v${version.version} (${input.channel})`.slice(0, 500),
        namedPersonIds: input.namedPersonIds,
        additionalCount: input.additionalCount,
        method: input.method,
      }),
    )
    return new ManualDistribution({
      disseminationActivityId: activity.id,
      manualId: manual.id,
      manualVersion: version.version,
      channel: input.channel,
      activity,
    })
  })

  return { create, get, setChapters, publish, getVersion, exportVersion, distribute } as const
})

/** The file formats a manual version is exported in. */
export type ManualFileFormat = "pdf" | "docx"

const manualMediaTypes: Record<ManualFileFormat, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

/** A manual version's file, ready to send. */
export interface ManualFile {
  readonly bytes: Uint8Array
  readonly fileName: string
  readonly mediaType: string
}

/** The manual built from the library and the recommendations. */
export class Manuals extends Context.Tag("@coordina/app/Manuals")<
  Manuals,
  Effect.Effect.Success<typeof make>
>() {
  /** Over the store. */
  static readonly layer = Layer.effect(Manuals, make).pipe(Layer.provide(Dissemination.layer))
}
