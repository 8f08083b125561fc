/**
 * Beneficiaries: the pseudonymous case record in `beneficiaries`, the personal data apart in
 * `beneficiary_personal`, so that counting never touches names.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import {
  BeneficiaryCase,
  fullNameKey,
  BeneficiaryNotFound,
  BeneficiaryPersonal,
  type NewBeneficiary,
} from "@coordina/domain"
import { Context, DateTime, Effect, Layer, Option, Schema } from "effect"
import { int, opt } from "./Rows.js"

const decodeCase = Schema.decodeUnknownSync(BeneficiaryCase)
const decodePersonal = Schema.decodeUnknownSync(BeneficiaryPersonal)

/** A case record from its row. */
export const toCase = (r: Record<string, unknown>): BeneficiaryCase =>
  decodeCase({
    id: r.id,
    pseudonym: r.pseudonym,
    statusKind: r.statusKind,
    statusDecisionDate: r.statusDecisionDate,
    familyMembers: int(r.familyMembers),
  })

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const get = Effect.fn("BeneficiariesRepository.get")(function* (id: string) {
    const rows = yield* sql`SELECT * FROM beneficiaries WHERE id = ${id}`.pipe(Effect.orDie)
    if (!rows[0]) return yield* new BeneficiaryNotFound({ beneficiaryId: id })
    return toCase(rows[0])
  })

  /** The personal data of a beneficiary, if any is on file. Callers audit-log the read. */
  const personal = Effect.fn("BeneficiariesRepository.personal")(function* (id: string) {
    const rows = yield* sql`SELECT * FROM beneficiary_personal WHERE beneficiary_id = ${id}`.pipe(
      Effect.orDie,
    )
    const r = rows[0]
    if (!r) return Option.none<BeneficiaryPersonal>()
    return Option.some(
      decodePersonal({
        givenName: r.givenName,
        familyName: r.familyName,
        ...opt("birthDate", r.birthDate),
        ...opt("citizenship", r.citizenship),
        ...opt("gender", r.gender),
      }),
    )
  })

  /** Registers a beneficiary under `id` and `pseudonym` (both from the caller's `Ids`). */
  const create = Effect.fn("BeneficiariesRepository.create")(function* (
    id: string,
    input: NewBeneficiary,
    pseudonym: string,
  ) {
    const createdAt = DateTime.formatIso(yield* DateTime.now)
    const p = input.personal
    yield* sql
      .withTransaction(
        Effect.all([
          sql`INSERT INTO beneficiaries ${sql.insert({
            id,
            pseudonym,
            statusKind: input.statusKind,
            statusDecisionDate: input.statusDecisionDate,
            familyMembers: input.familyMembers,
            createdAt,
          })}`,
          sql`INSERT INTO beneficiary_personal ${sql.insert({
            beneficiaryId: id,
            givenName: p.givenName,
            familyName: p.familyName,
            nameKey: fullNameKey(p.givenName, p.familyName),
            birthDate: p.birthDate ?? null,
            citizenship: p.citizenship ?? null,
            gender: p.gender ?? null,
          })}`,
        ]),
      )
      .pipe(Effect.orDie)
    return yield* get(id).pipe(Effect.orDie)
  })

  return { get, personal, create } as const
})

/** Stores beneficiaries' case records and, apart, their personal data. */
export class BeneficiariesRepository extends Context.Tag("@coordina/store/BeneficiariesRepository")<
  BeneficiariesRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(BeneficiariesRepository, make)
}
