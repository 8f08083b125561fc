/**
 * The good-practice library: practices with the events and people they are linked to, and the
 * library's search (full text on both databases, see migration 0930), filters and cursor pages.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import {
  missingLanguages,
  Practice,
  type PracticeContent,
  type PracticeFilter,
  PracticeNotFound,
  practiceSearchTerms,
  practiceSearchText,
  PracticeVersionStale,
} from "@coordina/domain"
import { Context, DateTime, Effect, Layer, Schema } from "effect"
import { int, json, type Page, type PageRequest, pageSize, toPage } from "./Rows.js"

const decode = Schema.decodeUnknownSync(Practice)

/** The texts and sources, stored as one JSON document; filters and links have their own columns. */
interface StoredContent {
  readonly title: PracticeContent["title"]
  readonly description: PracticeContent["description"]
  readonly actors?: PracticeContent["actors"]
  readonly results?: PracticeContent["results"]
  readonly transferability?: PracticeContent["transferability"]
  readonly sources: PracticeContent["sources"]
}

const stored = (p: PracticeContent): StoredContent => ({
  title: p.title,
  description: p.description,
  ...(p.actors ? { actors: p.actors } : {}),
  ...(p.results ? { results: p.results } : {}),
  ...(p.transferability ? { transferability: p.transferability } : {}),
  sources: p.sources,
})

const columns = (p: PracticeContent) => ({
  country: p.country,
  area: p.area,
  level: p.level,
  content: JSON.stringify(stored(p)),
  searchText: practiceSearchText(p),
})

/** What a library page asks for: filters, an optional query, and where to continue. */
export interface PracticeSearch extends PracticeFilter, PageRequest {}

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const linksOf = (
    table: "practice_events" | "practice_presenters",
    column: string,
    ids: ReadonlyArray<string>,
  ) =>
    ids.length === 0
      ? Effect.succeed([] as ReadonlyArray<Record<string, unknown>>)
      : sql`SELECT practice_id, ${sql(column)} AS linked FROM ${sql(table)}
          WHERE ${sql.in("practice_id", ids)} ORDER BY practice_id, position`

  const assemble = (rows: ReadonlyArray<Record<string, unknown>>) =>
    Effect.gen(function* () {
      const ids = rows.map((r) => String(r.id))
      const events = yield* linksOf("practice_events", "event_id", ids)
      const presenters = yield* linksOf("practice_presenters", "person_id", ids)
      const linked = (links: ReadonlyArray<Record<string, unknown>>, id: string) =>
        links.filter((l) => l.practiceId === id).map((l) => String(l.linked))
      return rows.map((r) => {
        const id = String(r.id)
        const content = json<StoredContent>(r.content)
        const practice = {
          country: r.country,
          area: r.area,
          level: r.level,
          ...content,
          eventIds: linked(events, id),
          presenterIds: linked(presenters, id),
        } as unknown as PracticeContent
        return decode({
          id,
          ...practice,
          missingLanguages: missingLanguages(practice),
          version: int(r.version),
          createdAt: r.createdAt,
          updatedAt: r.updatedAt,
        })
      })
    }).pipe(Effect.orDie)

  const writeLinks = (id: string, p: PracticeContent) =>
    Effect.gen(function* () {
      yield* sql`DELETE FROM practice_events WHERE practice_id = ${id}`
      yield* sql`DELETE FROM practice_presenters WHERE practice_id = ${id}`
      const events = [...new Set(p.eventIds)]
      const people = [...new Set(p.presenterIds)]
      if (events.length > 0)
        yield* sql`INSERT INTO practice_events ${sql.insert(
          events.map((eventId, position) => ({ practiceId: id, eventId, position })),
        )}`
      if (people.length > 0)
        yield* sql`INSERT INTO practice_presenters ${sql.insert(
          people.map((personId, position) => ({ practiceId: id, personId, position })),
        )}`
    }).pipe(Effect.orDie)

  const get = Effect.fn("PracticesRepository.get")(function* (id: string) {
    const rows = yield* sql`SELECT * FROM practices WHERE id = ${id}`.pipe(Effect.orDie)
    if (!rows[0]) return yield* new PracticeNotFound({ practiceId: id })
    return (yield* assemble(rows))[0]!
  })

  const create = Effect.fn("PracticesRepository.create")(function* (id: string, p: PracticeContent) {
    const now = DateTime.formatIso(yield* DateTime.now)
    yield* sql`INSERT INTO practices ${sql.insert({ id, ...columns(p), version: 1, createdAt: now, updatedAt: now })}`.pipe(
      Effect.orDie,
    )
    yield* writeLinks(id, p)
    return yield* get(id).pipe(Effect.orDie)
  })

  /** Replaces the practice if the stored version is `expectedVersion`. */
  const update = Effect.fn("PracticesRepository.update")(function* (
    id: string,
    expectedVersion: number,
    p: PracticeContent,
  ) {
    const now = DateTime.formatIso(yield* DateTime.now)
    const updated = yield* sql`UPDATE practices SET ${sql.update({
      ...columns(p),
      version: expectedVersion + 1,
      updatedAt: now,
    })} WHERE id = ${id} AND version = ${expectedVersion} RETURNING id`.pipe(Effect.orDie)
    if (updated.length === 0) {
      const current = yield* get(id)
      return yield* new PracticeVersionStale({ practiceId: id, currentVersion: current.version })
    }
    yield* writeLinks(id, p)
    return yield* get(id).pipe(Effect.orDie)
  })

  /**
   * A page of the library by id, filtered, and when `q` is given only the practices whose texts
   * hold every word of it as a word's beginning (in either language or script).
   */
  const list = Effect.fn("PracticesRepository.list")(function* (search: PracticeSearch) {
    const limit = pageSize(search.limit)
    const q = search.q?.trim() ?? ""
    const terms = practiceSearchTerms(q)
    // A query of only punctuation finds nothing rather than everything.
    if (q !== "" && terms.length === 0) return { items: [], nextCursor: null } satisfies Page<Practice>
    const matches =
      terms.length === 0
        ? sql`1 = 1`
        : sql.onDialectOrElse({
            pg: () =>
              sql`search_vector @@ to_tsquery('simple', coordina_unaccent(${terms.map((t) => `${t}:*`).join(" & ")}))`,
            orElse: () =>
              sql`id IN (SELECT practice_id FROM practices_fts WHERE practices_fts MATCH ${terms
                .map((t) => `"${t}"*`)
                .join(" ")})`,
          })
    const rows = yield* sql`
      SELECT * FROM practices
      WHERE ${search.cursor ? sql`id > ${search.cursor}` : sql`1 = 1`}
        AND ${search.country ? sql`country = ${search.country}` : sql`1 = 1`}
        AND ${search.area ? sql`area = ${search.area}` : sql`1 = 1`}
        AND ${search.level ? sql`level = ${search.level}` : sql`1 = 1`}
        AND ${matches}
      ORDER BY id LIMIT ${limit + 1}`.pipe(Effect.orDie)
    return toPage(yield* assemble(rows), limit)
  })

  const unknown = (table: "events" | "people", ids: ReadonlyArray<string>) =>
    Effect.gen(function* () {
      const wanted = [...new Set(ids)]
      if (wanted.length === 0) return [] as ReadonlyArray<string>
      const rows = yield* sql`SELECT id FROM ${sql(table)} WHERE ${sql.in("id", wanted)}`
      const found = new Set(rows.map((r) => String(r.id)))
      return ids.filter((id) => !found.has(id))
    }).pipe(Effect.orDie)

  /** The ids of `ids` that name no event. */
  const unknownEventIds = (ids: ReadonlyArray<string>) => unknown("events", ids)
  /** The ids of `ids` that name no person. */
  const unknownPersonIds = (ids: ReadonlyArray<string>) => unknown("people", ids)

  /** The ids of `ids` that name no practice. */
  const unknownPracticeIds = (ids: ReadonlyArray<string>) =>
    Effect.gen(function* () {
      const wanted = [...new Set(ids)]
      if (wanted.length === 0) return [] as ReadonlyArray<string>
      const rows = yield* sql`SELECT id FROM practices WHERE ${sql.in("id", wanted)}`
      const found = new Set(rows.map((r) => String(r.id)))
      return ids.filter((id) => !found.has(id))
    }).pipe(Effect.orDie)

  return { get, create, update, list, unknownEventIds, unknownPersonIds, unknownPracticeIds } as const
})

/** Stores the good-practice library. */
export class PracticesRepository extends Context.Tag("@coordina/store/PracticesRepository")<
  PracticesRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(PracticesRepository, make)
}
