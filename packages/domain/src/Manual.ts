/**
 * The manual (issue 12, item 3): a project's book of practices and recommendations, in chapters
 * ordered by hand. Publishing takes a snapshot of the chapters and of every practice and
 * recommendation they name, as version N; a published version never changes, whatever is
 * edited in the library afterwards.
 * @module
 */
import { Schema } from "effect"
import { PlausibleDate } from "./CalendarDate.js"
import { CountMethod, DisseminationActivity, DisseminationActivityId } from "./Dissemination.js"
import { PersonId } from "./Person.js"
import { LocalizedText, languagesOf, Practice, PracticeId } from "./Practice.js"
import { maxCount, NonNegativeInt, ProjectId } from "./Project.js"
import { Recommendation, RecommendationId } from "./Recommendation.js"
import type { PathProblem } from "./Report.js"
import { idMaxLength } from "./Text.js"

/** Opaque identifier of a manual. */
export const ManualId = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(idMaxLength),
  Schema.brand("ManualId"),
  Schema.annotations({ identifier: "ManualId" }),
)
/** Opaque identifier of a manual. */
export type ManualId = typeof ManualId.Type

/** What a client sends to start a manual. */
export class NewManual extends Schema.Class<NewManual>("NewManual")({
  projectId: ProjectId,
  title: LocalizedText(500),
}) {}

/** One chapter: a title, an introduction, and the recommendations and practices it presents, in order. */
export const ManualChapter = Schema.Struct({
  title: LocalizedText(500),
  intro: Schema.optional(LocalizedText(20_000)),
  recommendationIds: Schema.Array(RecommendationId).pipe(Schema.maxItems(200)),
  practiceIds: Schema.Array(PracticeId).pipe(Schema.maxItems(200)),
}).annotations({ identifier: "ManualChapter" })
/** One chapter. */
export type ManualChapter = typeof ManualChapter.Type

/** The chapters, in order, as `PUT /v1/manuals/{id}/chapters` replaces them. */
export class ManualChapters extends Schema.Class<ManualChapters>("ManualChapters")({
  chapters: Schema.Array(ManualChapter).pipe(Schema.maxItems(100)),
}) {}

/** A published version's number and instant. */
export const ManualVersionSummary = Schema.Struct({
  version: Schema.Int.pipe(Schema.greaterThan(0)),
  publishedAt: Schema.String,
}).annotations({ identifier: "ManualVersionSummary" })
/** A published version's number and instant. */
export type ManualVersionSummary = typeof ManualVersionSummary.Type

/** A manual with its current (unpublished) chapters and its published versions, oldest first. */
export class Manual extends Schema.Class<Manual>("Manual")({
  id: ManualId,
  projectId: ProjectId,
  title: LocalizedText(500),
  chapters: Schema.Array(ManualChapter),
  versions: Schema.Array(ManualVersionSummary),
  version: Schema.Int.pipe(Schema.greaterThan(0)).annotations({
    description: "The record's version for If-Match (not a published version's number)",
  }),
  createdAt: Schema.String,
}) {}

/** A published version: the chapters with the practices and recommendations as they were then. */
export class ManualVersion extends Schema.Class<ManualVersion>("ManualVersion")({
  manualId: ManualId,
  version: Schema.Int.pipe(Schema.greaterThan(0)),
  publishedAt: Schema.String,
  title: LocalizedText(500),
  chapters: Schema.Array(
    Schema.Struct({
      title: LocalizedText(500),
      intro: Schema.optional(LocalizedText(20_000)),
      recommendations: Schema.Array(Recommendation),
      practices: Schema.Array(Practice),
    }),
  ),
}) {}

/** No manual has the given id, or the caller may not learn of it. */
export class ManualNotFound extends Schema.TaggedError<ManualNotFound>()("ManualNotFound", {
  manualId: Schema.String,
}) {}

/** The manual has no published version of that number. */
export class ManualVersionNotFound extends Schema.TaggedError<ManualVersionNotFound>()(
  "ManualVersionNotFound",
  {
    manualId: Schema.String,
    version: Schema.Int,
  },
) {}

/** The manual changed since the version the client read. */
export class ManualVersionStale extends Schema.TaggedError<ManualVersionStale>()("ManualVersionStale", {
  manualId: Schema.String,
  currentVersion: Schema.Int,
}) {}

/** The manual or its chapters break a rule (422); `errors` lists the failing paths. */
export class ManualRejected extends Schema.TaggedError<ManualRejected>()("ManualRejected", {
  message: Schema.String,
  errors: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String })),
}) {}

/** What is refused in a manual's title: none in either language. */
export const manualTitleProblems = (title: LocalizedText): ReadonlyArray<PathProblem> =>
  languagesOf(title).length === 0
    ? [{ path: "title", message: "a manual needs a title in Bulgarian or English" }]
    : []

/**
 * What is refused in chapters, with paths: a chapter without a title in either language, and a
 * practice or recommendation named twice in one chapter. Unknown ids are the use case's to find.
 */
export const chapterProblems = (c: ManualChapters): ReadonlyArray<PathProblem> => {
  const problems: Array<PathProblem> = []
  c.chapters.forEach((chapter, i) => {
    if (languagesOf(chapter.title).length === 0)
      problems.push({
        path: `chapters.${i}.title`,
        message: "a chapter needs a title in Bulgarian or English",
      })
    for (const [field, ids] of [
      ["recommendationIds", chapter.recommendationIds],
      ["practiceIds", chapter.practiceIds],
    ] as ReadonlyArray<readonly [string, ReadonlyArray<string>]>)
      ids.forEach((id, j) => {
        if (ids.indexOf(id) !== j)
          problems.push({ path: `chapters.${i}.${field}.${j}`, message: `${id} is already in this chapter` })
      })
  })
  return problems
}

/**
 * What a client sends to record that a published version was handed out:
 * `POST /v1/manuals/{id}/versions/{n}/distributions`. The named people and the count reach
 * people indirectly, as any dissemination activity does.
 */
export class ManualDistributionInput extends Schema.Class<ManualDistributionInput>("ManualDistributionInput")(
  {
    date: PlausibleDate,
    namedPersonIds: Schema.Array(PersonId).pipe(Schema.maxItems(10_000)),
    additionalCount: NonNegativeInt.pipe(Schema.lessThanOrEqualTo(maxCount)).annotations({
      description: "People reached who are not named (printed copies, downloads)",
    }),
    method: CountMethod,
    channel: Schema.String.pipe(Schema.trimmed(), Schema.minLength(1), Schema.maxLength(200)).annotations({
      description: "How the version was handed out: printed copies, e-mail, a public link, …",
    }),
  },
) {}

/** A recorded distribution: the dissemination activity it made, and the version it handed out. */
export class ManualDistribution extends Schema.Class<ManualDistribution>("ManualDistribution")({
  disseminationActivityId: DisseminationActivityId,
  manualId: ManualId,
  manualVersion: Schema.Int.pipe(Schema.greaterThan(0)),
  channel: Schema.String,
  activity: DisseminationActivity,
}) {}
