/**
 * Recommendations per level of government. Writing one checks its practices and rule sets
 * exist; reading one computes each finding's figure again through the ordinance review, for the
 * same grouping and date, so a correction of the records since shows beside the figure cited.
 * @module
 */
import {
  compactText,
  findingValue,
  type NewRecommendation,
  type PathProblem,
  type Recommendation,
  type RecommendationView,
  recommendationProblems,
  RecommendationRejected,
  type Review,
  type ReviewFinding,
  ruleSets,
} from "@coordina/domain"
import { PracticesRepository, type RecommendationSearch, RecommendationsRepository } from "@coordina/store"
import { Context, Effect, Layer } from "effect"
import { nextId } from "./Ids.js"
import { OrdinanceReview } from "./Review.js"
import { createAudited } from "./Transaction.js"

const make = Effect.gen(function* () {
  const recommendations = yield* RecommendationsRepository
  const practices = yield* PracticesRepository
  const review = yield* OrdinanceReview

  const check = (r: NewRecommendation) =>
    Effect.gen(function* () {
      const problems: Array<PathProblem> = [...recommendationProblems(r)]
      const unknown = new Set(yield* practices.unknownPracticeIds(r.practiceIds))
      r.practiceIds.forEach((id, i) => {
        if (unknown.has(id))
          problems.push({ path: `practiceIds.${i}`, message: `no practice has the id ${id}` })
      })
      r.findings.forEach((f, i) => {
        if (f.procedureId !== undefined && !ruleSets.some((s) => s.id === f.procedureId))
          problems.push({
            path: `findings.${i}.procedureId`,
            message: `no rule set has the id ${f.procedureId}`,
          })
      })
      if (problems.length > 0)
        return yield* new RecommendationRejected({
          message: problems.map((e) => `${e.path}: ${e.message}`).join("; "),
          errors: problems,
        })
    })

  /** The recommendations with each finding's figure recomputed; one review per grouping and date. */
  const withCurrentFigures = (items: ReadonlyArray<Recommendation>) =>
    Effect.gen(function* () {
      const reviews = new Map<string, Review>()
      const reviewFor = (f: ReviewFinding) =>
        Effect.gen(function* () {
          const key = `${f.groupBy}|${f.asOf}`
          const cached = reviews.get(key)
          if (cached) return cached
          const fresh = yield* review.report({ groupBy: f.groupBy, asOf: f.asOf })
          reviews.set(key, fresh)
          return fresh
        })
      return yield* Effect.forEach(items, (r) =>
        Effect.gen(function* () {
          const findings = yield* Effect.forEach(r.findings, (f) =>
            Effect.map(reviewFor(f), (rv) => ({ ...f, currentValue: findingValue(rv, f) })),
          )
          return { ...r, findings } satisfies RecommendationView
        }),
      )
    })

  const create = Effect.fn("Recommendations.create")(function* (actor: string, input: NewRecommendation) {
    const tidy = { ...input, text: compactText(input.text) } as NewRecommendation
    yield* check(tidy)
    const id = yield* nextId("rec")
    const created = yield* createAudited(actor, "recommendation", recommendations.create(id, tidy))
    return (yield* withCurrentFigures([created]))[0]!
  })

  const list = Effect.fn("Recommendations.list")(function* (search: RecommendationSearch) {
    const page = yield* recommendations.list(search)
    return { items: yield* withCurrentFigures(page.items), nextCursor: page.nextCursor }
  })

  return { create, list } as const
})

/** Recommendations per level of government, with their supporting practices and findings. */
export class Recommendations extends Context.Tag("@coordina/app/Recommendations")<
  Recommendations,
  Effect.Effect.Success<typeof make>
>() {
  /** Over the store and the ordinance review. */
  static readonly layer = Layer.effect(Recommendations, make).pipe(Layer.provide(OrdinanceReview.layer))
}
