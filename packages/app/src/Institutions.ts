/**
 * Institutions whose representatives projects reach: create, list, read, change.
 * @module
 */
import type { InstitutionPatch, NewInstitution, Principal } from "@coordina/domain"
import { InstitutionsRepository, type PageRequest } from "@coordina/store"
import { Context, Effect, Layer } from "effect"
import { Ids } from "./Ids.js"
import { createAudited, transaction } from "./Transaction.js"
import { audit, captureWrites } from "./UseCase.js"

/** The filters of an institution list. */
export interface InstitutionQuery extends PageRequest {
  readonly q?: string | undefined
  readonly kind?: string | undefined
  readonly level?: string | undefined
  readonly planningRegion?: string | undefined
}

const make = Effect.gen(function* () {
  const institutions = yield* InstitutionsRepository
  const ids = yield* Ids
  const writes = yield* captureWrites

  /** Creates an institution (audited). */
  const create = Effect.fn("Institutions.create")(function* (principal: Principal, input: NewInstitution) {
    const id = yield* ids.next("ins")
    return yield* writes(createAudited(principal.id, "institution", institutions.create(input, id)))
  })

  /** A page of institutions, filtered by name, kind, level and planning region. */
  const list = (query: InstitutionQuery) => institutions.list(query)

  /** One institution. */
  const get = (id: string) => institutions.get(id)

  /** Changes an institution when `expectedVersion` is current (audited before and after). */
  const update = Effect.fn("Institutions.update")(function* (
    principal: Principal,
    id: string,
    patch: InstitutionPatch,
    expectedVersion: number,
  ) {
    return yield* writes(
      transaction(
        Effect.gen(function* () {
          const before = yield* institutions.get(id)
          const after = yield* institutions.update(id, patch, expectedVersion)
          yield* audit({ actor: principal.id, action: "update", entity: `institution:${id}`, before, after })
          return after
        }),
      ),
    )
  })

  return { create, list, get, update } as const
})

/** The institutions use cases. */
export class Institutions extends Context.Tag("@coordina/app/Institutions")<
  Institutions,
  Effect.Effect.Success<typeof make>
>() {
  /** Over the store, the audit log and the ids. */
  static readonly layer = Layer.effect(Institutions, make)
}
