/**
 * Recommendations per level of authority (issue 12, item 2), each supported by practices of the
 * library and by findings of the ordinance review. A finding is a saved review query (the
 * grouping, the as-of date, the group, the figure) with the value cited when it was written, so
 * the figure can be computed again from today's records and shown beside the cited one.
 * @module
 */
import { Schema } from "effect"
import { IsoDate } from "./CalendarDate.js"
import { GovernmentLevel, LocalizedText, languagesOf, PracticeId } from "./Practice.js"
import type { PathProblem } from "./Report.js"
import { type Review, ReviewGroupBy, type ReviewGroup } from "./Review.js"
import { idMaxLength } from "./Text.js"

/** Opaque identifier of a recommendation. */
export const RecommendationId = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(idMaxLength),
  Schema.brand("RecommendationId"),
  Schema.annotations({ identifier: "RecommendationId" }),
)
/** Opaque identifier of a recommendation. */
export type RecommendationId = typeof RecommendationId.Type

/** The review figures a finding may cite, as paths into one group of the review. */
export const reviewMetrics = [
  "funnel.intents",
  "funnel.matched",
  "funnel.concluded",
  "funnel.extended",
  "funnel.terminated",
  "funnel.expired",
  "funnel.closed",
  "lateIntents",
  "lateIntentShare",
  "medianDays.statusToIntent",
  "medianDays.intentToMatch",
  "medianDays.matchToConclude",
  "medianDays.intentToConclude",
  "offers.count",
  "offers.capacity",
  "offers.placesTaken",
  "offers.uptake",
  "overdueTasks.total",
] as const

/** A figure of the review a finding cites. */
export const ReviewMetric = Schema.Literal(...reviewMetrics).annotations({ identifier: "ReviewMetric" })
/** A figure of the review. */
export type ReviewMetric = typeof ReviewMetric.Type

/** The figure a finding cites: which one, and its value when the recommendation was written. */
export const FindingFigure = Schema.Struct({
  metric: ReviewMetric,
  value: Schema.NullOr(Schema.Number).annotations({
    description: "The value cited (null: none, e.g. no median)",
  }),
}).annotations({ identifier: "FindingFigure" })
/** The figure a finding cites. */
export type FindingFigure = typeof FindingFigure.Type

/**
 * A review finding: `GET /v1/review?groupBy=&asOf=`, the group `procedureId` (grouped by rule
 * set) or `groupKey` (grouped otherwise), the total when neither, and the figure cited.
 */
export const ReviewFinding = Schema.Struct({
  groupBy: ReviewGroupBy,
  asOf: IsoDate,
  procedureId: Schema.optional(
    Schema.String.pipe(Schema.maxLength(idMaxLength)).annotations({
      description: "The rule set whose group is cited; only with groupBy=procedure",
    }),
  ),
  groupKey: Schema.optional(
    Schema.String.pipe(Schema.maxLength(idMaxLength)).annotations({
      description:
        "The group cited when grouped by region, province or municipality; the total when left out",
    }),
  ),
  figure: FindingFigure,
}).annotations({ identifier: "ReviewFinding" })
/** A review finding. */
export type ReviewFinding = typeof ReviewFinding.Type

/** A finding as answered: with the figure computed again now, from today's records, for the same query. */
export const ReviewFindingView = Schema.Struct({
  ...ReviewFinding.fields,
  currentValue: Schema.NullOr(Schema.Number).annotations({
    description: "The figure recomputed now for the same query (null when the group has none)",
  }),
}).annotations({ identifier: "ReviewFindingView" })
/** A finding as answered. */
export type ReviewFindingView = typeof ReviewFindingView.Type

const recommendationFields = {
  level: GovernmentLevel,
  text: LocalizedText(20_000),
  practiceIds: Schema.Array(PracticeId).pipe(Schema.maxItems(100)),
  findings: Schema.Array(ReviewFinding).pipe(Schema.maxItems(50)),
}

/** What a client sends to write a recommendation. */
export class NewRecommendation extends Schema.Class<NewRecommendation>("NewRecommendation")(
  recommendationFields,
) {}

/** A recommendation as stored, with its findings as saved. */
export class Recommendation extends Schema.Class<Recommendation>("Recommendation")({
  id: RecommendationId,
  ...recommendationFields,
  version: Schema.Int.pipe(Schema.greaterThan(0)),
  createdAt: Schema.String,
}) {}

/** A recommendation as answered: each finding with its figure recomputed beside the cited one. */
export const RecommendationView = Schema.Struct({
  ...Recommendation.fields,
  findings: Schema.Array(ReviewFindingView),
}).annotations({ identifier: "RecommendationView" })
/** A recommendation as answered. */
export type RecommendationView = typeof RecommendationView.Type

/** A page of recommendations, as `GET /v1/recommendations` answers it. */
export const RecommendationPage = Schema.Struct({
  items: Schema.Array(RecommendationView),
  nextCursor: Schema.NullOr(Schema.String),
}).annotations({ identifier: "RecommendationPage" })
/** A page of recommendations. */
export type RecommendationPage = typeof RecommendationPage.Type

/** The recommendation breaks a rule (422); `errors` lists the failing paths. */
export class RecommendationRejected extends Schema.TaggedError<RecommendationRejected>()(
  "RecommendationRejected",
  {
    message: Schema.String,
    errors: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String })),
  },
) {}

/**
 * What is refused in a recommendation, with paths: no text in either language, a finding with
 * a rule set outside a grouping by rule set, or with both a rule set and a group key.
 * Unknown practice and rule-set ids are the use case's to check (they need the store).
 */
export const recommendationProblems = (r: NewRecommendation): ReadonlyArray<PathProblem> => {
  const problems: Array<PathProblem> = []
  if (languagesOf(r.text).length === 0)
    problems.push({ path: "text", message: "a recommendation needs a text in Bulgarian or English" })
  r.findings.forEach((f, i) => {
    if (f.procedureId !== undefined && f.groupBy !== "procedure")
      problems.push({
        path: `findings.${i}.procedureId`,
        message: "a rule set names a group only when the review is grouped by procedure",
      })
    if (f.groupKey !== undefined && f.groupBy === "procedure")
      problems.push({
        path: `findings.${i}.groupKey`,
        message: "grouped by procedure, the group is named by procedureId",
      })
  })
  return problems
}

/** The group of a review a finding cites: the named group, or the total. */
export const findingGroup = (review: Review, finding: ReviewFinding): ReviewGroup | undefined => {
  const key = finding.groupBy === "procedure" ? finding.procedureId : finding.groupKey
  return key === undefined ? review.total : review.groups.find((g) => g.key === key)
}

/**
 * The figure a finding cites, read from a review of the same grouping and date; `null` when the
 * group is not in the review (nothing recorded for it) or the figure has no value (a median of
 * nothing).
 */
export const findingValue = (review: Review, finding: ReviewFinding): number | null => {
  const group = findingGroup(review, finding)
  if (group === undefined) return null
  let value: unknown = group
  for (const step of finding.figure.metric.split(".")) value = (value as Record<string, unknown>)?.[step]
  return typeof value === "number" ? value : null
}
