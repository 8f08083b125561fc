/**
 * Beneficiaries as a use case: registering one, and reading one the caller may see, with the
 * personal data only for roles allowed it; every such read writes a `read_personal` audit entry
 * in the same transaction.
 * @module
 */
import {
  type BeneficiaryView,
  beneficiaryDatesRefusal,
  canReadPersonal,
  ImplausibleDate,
  type NewBeneficiary,
  type Principal,
  pseudonymFromBytes,
} from "@coordina/domain"
import { AuditLog, BeneficiariesRepository } from "@coordina/store"
import { Context, Effect, Layer, Option } from "effect"
import { visibleBeneficiary } from "./AgreementScope.js"
import { Ids } from "./Ids.js"
import { Today } from "./Today.js"
import { createAudited, transaction } from "./Transaction.js"

/** The case record as the API shows it, with or without the personal data. */
const view = (record: BeneficiaryView): BeneficiaryView => record

const make = Effect.gen(function* () {
  const beneficiaries = yield* BeneficiariesRepository
  const audit = yield* AuditLog
  const ids = yield* Ids
  const clock = yield* Today

  /**
   * Registers a beneficiary whose dates can be right as of today (422 otherwise); the audit
   * entry holds the pseudonymous case record, never the names.
   */
  const create = Effect.fn("Beneficiaries.create")(function* (principal: Principal, input: NewBeneficiary) {
    const refusal = beneficiaryDatesRefusal(input, yield* clock.date)
    if (refusal) return yield* new ImplausibleDate(refusal)
    const created = yield* createAudited(
      principal.id,
      "beneficiary",
      Effect.flatMap(Effect.all([ids.next("bnf"), ids.random(5)]), ([id, bytes]) =>
        beneficiaries.create(id, input, pseudonymFromBytes(bytes)),
      ),
    )
    return view(canReadPersonal(principal) ? { ...created, personal: input.personal } : { ...created })
  })

  /** A beneficiary the caller may see (another scope's reads as missing). */
  const get = Effect.fn("Beneficiaries.get")(function* (principal: Principal, id: string) {
    return yield* transaction(
      Effect.gen(function* () {
        const found = yield* visibleBeneficiary(principal, id)
        if (!canReadPersonal(principal)) return view({ ...found })
        const personal = yield* beneficiaries.personal(id)
        if (Option.isNone(personal)) return view({ ...found })
        yield* audit.record({ actor: principal.id, action: "read_personal", entity: `beneficiary:${id}` })
        return view({ ...found, personal: personal.value })
      }),
    )
  })

  return { create, get } as const
})

/** Beneficiaries' case records and personal data. */
export class Beneficiaries extends Context.Tag("@coordina/app/Beneficiaries")<
  Beneficiaries,
  Effect.Effect.Success<typeof make>
>() {
  /** Over the store, the clock and the ids. */
  static readonly layer = Layer.effect(Beneficiaries, make)
}
