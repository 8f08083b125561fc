/**
 * A data subject's rights: export of everything held on a person or a beneficiary (each export
 * audit-logged as `read_personal`), and erasure that keeps every count (logged as `erase`). The
 * retention policy erases through the same path.
 * @module
 */
import {
  type AlreadyErased,
  BeneficiaryExport,
  type BeneficiaryNotFound,
  type PersonNotFound,
  ErasureResult,
  keptBeneficiaryAttributes,
  keptPersonAttributes,
  PersonExport,
} from "@coordina/domain"
import { PersonalData } from "@coordina/store"
import { Context, Effect, Layer, Schema } from "effect"
import { transaction } from "./Transaction.js"
import { audit, captureWrites } from "./UseCase.js"

/** Whose data: a person of the projects, or a beneficiary of the agreements. */
export type DataSubject = "person" | "beneficiary"

/** Who acts: a principal, or a job named like `worker:retention`. */
export interface Actor {
  readonly id: string
}

/** Rows read from the database, as the JSON they are sent as (column values are JSON scalars). */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value))

const make = Effect.gen(function* () {
  const data = yield* PersonalData
  const writes = yield* captureWrites

  const exported = <A, I, E>(
    actor: Actor,
    entity: string,
    read: Effect.Effect<unknown, E>,
    schema: Schema.Schema<A, I>,
  ) =>
    writes(
      transaction(
        Effect.gen(function* () {
          const value = Schema.decodeUnknownSync(schema)(asJson(yield* read))
          yield* audit({ actor: actor.id, action: "read_personal", entity, after: { export: true } })
          return value
        }),
      ),
    )

  /** Everything held on a person (merged records too), audit-logged as a read of personal data. */
  const exportPerson = (actor: Actor, id: string) =>
    exported(actor, `person:${id}`, data.exportPerson(id), PersonExport)

  /** Everything held on a beneficiary, audit-logged as a read of personal data. */
  const exportBeneficiary = (actor: Actor, id: string) =>
    exported(actor, `beneficiary:${id}`, data.exportBeneficiary(id), BeneficiaryExport)

  /** Erases a person (with every record merged with them) under `salt`, and logs `erase`. */
  const erasePerson = Effect.fn("Privacy.erasePerson")(function* (actor: Actor, id: string, salt: string) {
    return yield* writes(
      transaction(
        Effect.gen(function* () {
          const erased = yield* data.erasePerson(id, salt)
          yield* audit({
            actor: actor.id,
            action: "erase",
            entity: `person:${id}`,
            after: { erasureKey: erased.erasureKey, records: erased.entities, kept: keptPersonAttributes },
          })
          return new ErasureResult({
            entity: `person:${id}`,
            erasureKey: erased.erasureKey,
            erasedAt: erased.erasedAt,
            records: erased.records,
            kept: keptPersonAttributes,
          })
        }),
      ),
    )
  })

  /** Erases a beneficiary's personal part under `salt` (the case record stays), and logs `erase`. */
  const eraseBeneficiary = Effect.fn("Privacy.eraseBeneficiary")(function* (
    actor: Actor,
    id: string,
    salt: string,
  ) {
    return yield* writes(
      transaction(
        Effect.gen(function* () {
          const erased = yield* data.eraseBeneficiary(id, salt)
          yield* audit({
            actor: actor.id,
            action: "erase",
            entity: `beneficiary:${id}`,
            after: { erasureKey: erased.erasureKey, kept: keptBeneficiaryAttributes },
          })
          return new ErasureResult({
            entity: `beneficiary:${id}`,
            erasureKey: erased.erasureKey,
            erasedAt: erased.erasedAt,
            records: erased.records,
            kept: keptBeneficiaryAttributes,
          })
        }),
      ),
    )
  })

  /** Erases a data subject of either kind. */
  const erase = (
    actor: Actor,
    subject: DataSubject,
    id: string,
    salt: string,
  ): Effect.Effect<ErasureResult, PersonNotFound | BeneficiaryNotFound | AlreadyErased> =>
    subject === "person" ? erasePerson(actor, id, salt) : eraseBeneficiary(actor, id, salt)

  return { exportPerson, exportBeneficiary, erasePerson, eraseBeneficiary, erase } as const
})

/** Export and erasure of personal data. */
export class Privacy extends Context.Tag("@coordina/app/Privacy")<
  Privacy,
  Effect.Effect.Success<typeof make>
>() {
  /** Over the store and the audit log. */
  static readonly layer = Layer.effect(Privacy, make)
}
