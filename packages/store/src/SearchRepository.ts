/**
 * The one search box's queries that no list answers: beneficiaries by pseudonym or by name
 * (their name key), and events by title (their title key), each within the caller's scope,
 * with the same full pages and cursors as every list.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import {
  type BeneficiaryCase,
  BeneficiaryPersonal,
  type Event,
  findsNobody,
  searchTerms,
} from "@coordina/domain"
import { Context, Effect, Layer, Schema } from "effect"
import { toCase } from "./BeneficiariesRepository.js"
import { eventFromRow } from "./EventsRepository.js"
import { inScope, opt, type Page, type PageRequest, pageSize } from "./Rows.js"
import { nameSearchCondition } from "./RuleSql.js"

const decodePersonal = Schema.decodeUnknownSync(BeneficiaryPersonal)

/** A beneficiary found: the case record, and the personal data when the caller asked for names. */
export interface FoundBeneficiary {
  readonly case: BeneficiaryCase
  readonly personal?: BeneficiaryPersonal | undefined
  /** Whether the name matched (a read of personal data the caller must audit). */
  readonly byName: boolean
}

/** What a beneficiary search takes; without `q` it pages through every beneficiary in scope. */
export interface BeneficiarySearch extends PageRequest {
  readonly q?: string | undefined
  /** Match and return names too (only for callers who may read personal data). */
  readonly names: boolean
  /** Municipalities whose agreements make a beneficiary visible, or every beneficiary. */
  readonly municipalityIds: "all" | ReadonlyArray<string>
}

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const beneficiaries = Effect.fn("SearchRepository.beneficiaries")(function* (search: BeneficiarySearch) {
    const limit = pageSize(search.limit)
    const q = search.q?.trim() ?? ""
    const terms = search.names ? searchTerms(q) : []
    const pseudonym = q.toUpperCase()
    const byName = terms.length > 0 ? nameSearchCondition(sql, "p.name_key", terms) : sql`1 = 0`
    const matches =
      q === ""
        ? sql`1 = 1`
        : sql`(${sql.onDialectOrElse({
            pg: () => sql`strpos(b.pseudonym, ${pseudonym}) > 0`,
            orElse: () => sql`instr(b.pseudonym, ${pseudonym}) > 0`,
          })} OR ${byName})`
    const scope =
      search.municipalityIds === "all"
        ? sql`1 = 1`
        : sql`EXISTS (SELECT 1 FROM agreements a WHERE a.beneficiary_id = b.id AND ${inScope(sql, "a.municipality_id", search.municipalityIds)})`
    const rows = yield* sql`
      SELECT b.*, p.given_name, p.family_name, p.birth_date, p.citizenship, p.gender,
        CASE WHEN ${byName} THEN 1 ELSE 0 END AS by_name
      FROM beneficiaries b LEFT JOIN beneficiary_personal p ON p.beneficiary_id = b.id
      WHERE ${search.cursor ? sql`b.id > ${search.cursor}` : sql`1 = 1`} AND ${matches} AND ${scope}
      ORDER BY b.id LIMIT ${limit + 1}`.pipe(Effect.orDie)
    const found = rows.slice(0, limit).map(
      (r): FoundBeneficiary => ({
        case: toCase(r),
        ...(search.names && r.givenName != null
          ? {
              personal: decodePersonal({
                givenName: r.givenName,
                familyName: r.familyName,
                ...opt("birthDate", r.birthDate),
                ...opt("citizenship", r.citizenship),
                ...opt("gender", r.gender),
              }),
            }
          : {}),
        byName: Number(r.byName) === 1,
      }),
    )
    return {
      items: found,
      nextCursor: rows.length > limit ? (found.at(-1)?.case.id ?? null) : null,
    } satisfies Page<FoundBeneficiary>
  })

  /** Events of the projects in `scope` whose title holds every word of `q`, by id. */
  const events = Effect.fn("SearchRepository.events")(function* (
    q: string,
    scope: "all" | ReadonlyArray<string>,
    limit: number,
  ) {
    if (findsNobody(q)) return [] as ReadonlyArray<Event>
    const terms = searchTerms(q)
    if (terms.length === 0) return [] as ReadonlyArray<Event>
    const rows = yield* sql`
      SELECT * FROM events
      WHERE ${nameSearchCondition(sql, "title_key", terms)} AND ${inScope(sql, "project_id", scope)}
      ORDER BY id LIMIT ${limit}`.pipe(Effect.orDie)
    return rows.map(eventFromRow)
  })

  return { beneficiaries, events } as const
})

/** The search box's own queries. */
export class SearchRepository extends Context.Tag("@coordina/store/SearchRepository")<
  SearchRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(SearchRepository, make)
}
