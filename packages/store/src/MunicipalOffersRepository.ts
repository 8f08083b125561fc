/**
 * Municipal offers and the places their matches take.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import {
  InstitutionNotFound,
  MunicipalOffer,
  type NewMunicipalOffer,
  NotAMunicipality,
  OfferNotFound,
} from "@coordina/domain"
import { Context, DateTime, Effect, Layer, Schema } from "effect"
import { int, json, opt, type Page, type PageRequest, pageSize, toPage } from "./Rows.js"

const decodeOffer = Schema.decodeUnknownSync(MunicipalOffer)

const toOffer = (r: Record<string, unknown>): MunicipalOffer =>
  decodeOffer({
    id: r.id,
    municipalityId: r.municipalityId,
    date: r.offeredOn,
    capacity: int(r.capacity),
    plannedAreas: json(r.plannedAreas),
    ...opt("note", r.note),
    taken: int(r.taken),
    version: int(r.version),
  })

/** What an offer list can be filtered by. */
export interface OfferFilter extends PageRequest {
  readonly municipalityId?: string | undefined
  /** Only offers of these municipalities (a case worker's scope), in SQL so pages are full. */
  readonly municipalityIds?: ReadonlyArray<string> | undefined
}

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  /** Fails unless the id names an institution of kind `municipality`. */
  const checkMunicipality = Effect.fn("MunicipalOffersRepository.checkMunicipality")(function* (id: string) {
    const rows = yield* sql`SELECT kind FROM institutions WHERE id = ${id}`.pipe(Effect.orDie)
    if (!rows[0]) return yield* new InstitutionNotFound({ institutionId: id })
    if (rows[0].kind !== "municipality")
      return yield* new NotAMunicipality({ institutionId: id, kind: String(rows[0].kind) })
  })

  /** The offer; on PostgreSQL the row stays locked to the end of the transaction. */
  const get = Effect.fn("MunicipalOffersRepository.get")(function* (id: string) {
    const rows = yield* sql
      .onDialectOrElse({
        pg: () => sql`SELECT * FROM municipal_offers WHERE id = ${id} FOR UPDATE`,
        orElse: () => sql`SELECT * FROM municipal_offers WHERE id = ${id}`,
      })
      .pipe(Effect.orDie)
    if (!rows[0]) return yield* new OfferNotFound({ offerId: id })
    return toOffer(rows[0])
  })

  /** Records an offer under `id` (from the caller's `Ids`). */
  const create = Effect.fn("MunicipalOffersRepository.create")(function* (
    id: string,
    input: NewMunicipalOffer,
  ) {
    yield* checkMunicipality(input.municipalityId)
    yield* sql`INSERT INTO municipal_offers ${sql.insert({
      id,
      municipalityId: input.municipalityId,
      offeredOn: input.date,
      capacity: input.capacity,
      taken: 0,
      plannedAreas: JSON.stringify(input.plannedAreas),
      note: input.note ?? null,
      version: 1,
      createdAt: DateTime.formatIso(yield* DateTime.now),
    })}`.pipe(Effect.orDie)
    return yield* get(id).pipe(Effect.orDie)
  })

  /** Records how many places are taken; the domain decides whether a place is left. */
  const setTaken = Effect.fn("MunicipalOffersRepository.setTaken")(function* (id: string, taken: number) {
    yield* sql`UPDATE municipal_offers SET taken = ${taken}, version = version + 1 WHERE id = ${id}`.pipe(
      Effect.orDie,
    )
  })

  const list = Effect.fn("MunicipalOffersRepository.list")(function* (options: OfferFilter) {
    const limit = pageSize(options.limit)
    const rows = yield* sql`
      SELECT * FROM municipal_offers
      WHERE ${sql.and([
        options.cursor ? sql`id > ${options.cursor}` : sql`1 = 1`,
        options.municipalityId ? sql`municipality_id = ${options.municipalityId}` : sql`1 = 1`,
        options.municipalityIds
          ? options.municipalityIds.length === 0
            ? sql`1 = 0`
            : sql.in("municipality_id", options.municipalityIds)
          : sql`1 = 1`,
      ])}
      ORDER BY id LIMIT ${limit + 1}`.pipe(Effect.orDie)
    return toPage(rows.map(toOffer), limit) satisfies Page<MunicipalOffer>
  })

  return { get, create, setTaken, list, checkMunicipality } as const
})

/** Stores municipal offers. */
export class MunicipalOffersRepository extends Context.Tag("@coordina/store/MunicipalOffersRepository")<
  MunicipalOffersRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(MunicipalOffersRepository, make)
}
