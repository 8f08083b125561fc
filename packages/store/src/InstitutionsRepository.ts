/**
 * Institutions whose representatives projects reach.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import {
  Institution,
  InstitutionNotFound,
  type InstitutionPatch,
  InstitutionVersionStale,
  type NewInstitution,
  normaliseName,
  validateLocation,
} from "@coordina/domain"
import { Context, DateTime, Effect, Either, Layer, Schema } from "effect"
import { newId } from "./Ids.js"
import { int, opt, type Page, type PageRequest, pageSize, toPage } from "./Rows.js"

const decode = Schema.decodeUnknownSync(Institution)

/** An institution row as the domain's `Institution`. */
export const institutionFromRow = (r: Record<string, unknown>): Institution =>
  decode({
    id: r.id,
    name: r.name,
    kind: r.kind,
    level: r.level,
    country: r.country,
    ...opt("planningRegion", r.planningRegion),
    ...opt("province", r.province),
    ...opt("municipality", r.municipality),
    contactEmails: contactEmailsFromColumn(r.contactEmails),
    version: int(r.version),
  })

/** The JSON array column; a row from before migration 0910 has none. */
const contactEmailsFromColumn = (value: unknown): unknown =>
  typeof value === "string" ? JSON.parse(value) : Array.isArray(value) ? value : []

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const get = Effect.fn("InstitutionsRepository.get")(function* (id: string) {
    const rows = yield* sql`SELECT * FROM institutions WHERE id = ${id}`.pipe(Effect.orDie)
    if (!rows[0]) return yield* new InstitutionNotFound({ institutionId: id })
    return institutionFromRow(rows[0])
  })

  /** The institutions with the given ids that exist, in no particular order. */
  const getMany = Effect.fn("InstitutionsRepository.getMany")(function* (ids: ReadonlyArray<string>) {
    const unique = [...new Set(ids)]
    if (unique.length === 0) return [] as ReadonlyArray<Institution>
    const out: Array<Institution> = []
    for (let i = 0; i < unique.length; i += 500) {
      const rows =
        yield* sql`SELECT * FROM institutions WHERE ${sql.in("id", unique.slice(i, i + 500))}`.pipe(
          Effect.orDie,
        )
      out.push(...rows.map(institutionFromRow))
    }
    return out as ReadonlyArray<Institution>
  })

  /** Creates an institution under `id` (a new one when none is given). */
  const create = Effect.fn("InstitutionsRepository.create")(function* (
    input: NewInstitution,
    id = newId("ins"),
  ) {
    const checked = validateLocation(input)
    if (Either.isLeft(checked)) return yield* checked.left
    const v = checked.right
    const now = DateTime.formatIso(yield* DateTime.now)
    yield* sql`INSERT INTO institutions ${sql.insert({
      id,
      name: v.name,
      nameKey: normaliseName(v.name),
      kind: v.kind,
      level: v.level,
      country: v.country,
      planningRegion: v.planningRegion ?? null,
      province: v.province ?? null,
      municipality: v.municipality ?? null,
      contactEmails: JSON.stringify(v.contactEmails ?? []),
      version: 1,
      createdAt: now,
      updatedAt: now,
    })}`.pipe(Effect.orDie)
    return yield* get(id).pipe(Effect.orDie)
  })

  /**
   * Applies a change when `expectedVersion` is the stored one. A change of country away from
   * BG must also clear the Bulgarian location fields, or it is refused.
   */
  const update = Effect.fn("InstitutionsRepository.update")(function* (
    id: string,
    patch: InstitutionPatch,
    expectedVersion: number,
  ) {
    const current = yield* get(id)
    if (current.version !== expectedVersion)
      return yield* new InstitutionVersionStale({
        entity: `institution:${id}`,
        expectedVersion,
        currentVersion: current.version,
      })
    const merged = {
      ...current,
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    }
    const checked = validateLocation(merged)
    if (Either.isLeft(checked)) return yield* checked.left
    const v = checked.right
    const now = DateTime.formatIso(yield* DateTime.now)
    const updated = yield* sql`
      UPDATE institutions SET
        name = ${v.name}, name_key = ${normaliseName(v.name)}, kind = ${v.kind}, level = ${v.level},
        country = ${v.country}, planning_region = ${v.planningRegion ?? null}, province = ${v.province ?? null},
        municipality = ${v.municipality ?? null}, contact_emails = ${JSON.stringify(v.contactEmails)},
        version = version + 1, updated_at = ${now}
      WHERE id = ${id} AND version = ${expectedVersion}
      RETURNING id`.pipe(Effect.orDie)
    if (updated.length === 0) {
      const now2 = yield* get(id)
      return yield* new InstitutionVersionStale({
        entity: `institution:${id}`,
        expectedVersion,
        currentVersion: now2.version,
      })
    }
    return yield* get(id).pipe(Effect.orDie)
  })

  /**
   * A page of institutions by id; `q` keeps those whose normalised name contains it, and
   * `kind`, `level` and `planningRegion` those with that value.
   */
  const list = Effect.fn("InstitutionsRepository.list")(function* (
    options: PageRequest & {
      readonly q?: string | undefined
      readonly kind?: string | undefined
      readonly level?: string | undefined
      readonly planningRegion?: string | undefined
    },
  ) {
    const limit = pageSize(options.limit)
    const key = options.q ? normaliseName(options.q) : ""
    const rows = yield* sql`
      SELECT * FROM institutions
      WHERE ${options.cursor ? sql`id > ${options.cursor}` : sql`1 = 1`}
        AND ${key ? sql`name_key LIKE ${`%${escapeLike(key)}%`} ESCAPE '\\'` : sql`1 = 1`}
        AND ${options.kind ? sql`kind = ${options.kind}` : sql`1 = 1`}
        AND ${options.level ? sql`level = ${options.level}` : sql`1 = 1`}
        AND ${options.planningRegion ? sql`planning_region = ${options.planningRegion}` : sql`1 = 1`}
      ORDER BY id LIMIT ${limit + 1}`.pipe(Effect.orDie)
    return toPage(rows.map(institutionFromRow), limit) satisfies Page<Institution>
  })

  /** The institutions whose name is the given one after normalisation (sign-in sheets name them so). */
  const findByName = Effect.fn("InstitutionsRepository.findByName")(function* (name: string) {
    const rows =
      yield* sql`SELECT * FROM institutions WHERE name_key = ${normaliseName(name)} ORDER BY id`.pipe(
        Effect.orDie,
      )
    return rows.map(institutionFromRow) as ReadonlyArray<Institution>
  })

  return { get, getMany, create, update, list, findByName } as const
})

/** Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`. */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/** Stores institutions. */
export class InstitutionsRepository extends Context.Tag("@coordina/store/InstitutionsRepository")<
  InstitutionsRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(InstitutionsRepository, make)
}
