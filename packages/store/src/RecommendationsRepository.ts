/**
 * Recommendations per level of government, with the practices that support them and their
 * findings as saved (recomputing a finding's figure is the use case's, through the review).
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { type GovernmentLevel, type NewRecommendation, Recommendation } from "@coordina/domain"
import { Context, DateTime, Effect, Layer, Schema } from "effect"
import { int, json, type PageRequest, pageSize, toPage } from "./Rows.js"

const decode = Schema.decodeUnknownSync(Recommendation)

interface StoredContent {
  readonly text: NewRecommendation["text"]
  readonly findings: NewRecommendation["findings"]
}

/** What a recommendations page asks for. */
export interface RecommendationSearch extends PageRequest {
  readonly level?: GovernmentLevel | undefined
}

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const assemble = (rows: ReadonlyArray<Record<string, unknown>>) =>
    Effect.gen(function* () {
      const ids = rows.map((r) => String(r.id))
      const links =
        ids.length === 0
          ? []
          : yield* sql`SELECT recommendation_id, practice_id FROM recommendation_practices
              WHERE ${sql.in("recommendation_id", ids)} ORDER BY recommendation_id, position`
      return rows.map((r) => {
        const content = json<StoredContent>(r.content)
        return decode({
          id: r.id,
          level: r.level,
          text: content.text,
          practiceIds: links.filter((l) => l.recommendationId === r.id).map((l) => String(l.practiceId)),
          findings: content.findings,
          version: int(r.version),
          createdAt: r.createdAt,
        })
      })
    }).pipe(Effect.orDie)

  const get = Effect.fn("RecommendationsRepository.get")(function* (id: string) {
    const rows = yield* sql`SELECT * FROM recommendations WHERE id = ${id}`.pipe(Effect.orDie)
    return (yield* assemble(rows))[0]
  })

  const create = Effect.fn("RecommendationsRepository.create")(function* (id: string, r: NewRecommendation) {
    const now = DateTime.formatIso(yield* DateTime.now)
    const content: StoredContent = { text: r.text, findings: r.findings }
    yield* sql`INSERT INTO recommendations ${sql.insert({
      id,
      level: r.level,
      content: JSON.stringify(content),
      version: 1,
      createdAt: now,
    })}`.pipe(Effect.orDie)
    const practiceIds = [...new Set(r.practiceIds)]
    if (practiceIds.length > 0)
      yield* sql`INSERT INTO recommendation_practices ${sql.insert(
        practiceIds.map((practiceId, position) => ({ recommendationId: id, practiceId, position })),
      )}`.pipe(Effect.orDie)
    return (yield* get(id))!
  })

  /** A page of recommendations by id, of one level or all. */
  const list = Effect.fn("RecommendationsRepository.list")(function* (search: RecommendationSearch) {
    const limit = pageSize(search.limit)
    const rows = yield* sql`
      SELECT * FROM recommendations
      WHERE ${search.cursor ? sql`id > ${search.cursor}` : sql`1 = 1`}
        AND ${search.level ? sql`level = ${search.level}` : sql`1 = 1`}
      ORDER BY id LIMIT ${limit + 1}`.pipe(Effect.orDie)
    return toPage(yield* assemble(rows), limit)
  })

  return { get, create, list } as const
})

/** Stores the recommendations. */
export class RecommendationsRepository extends Context.Tag("@coordina/store/RecommendationsRepository")<
  RecommendationsRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(RecommendationsRepository, make)
}
