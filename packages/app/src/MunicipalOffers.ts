/**
 * Municipal offers as a use case: a municipality's offer of places, recorded only by a caller
 * who may act for that municipality, and the offers listed in the caller's scope.
 * @module
 */
import {
  canActForMunicipality,
  type MunicipalOfferPage,
  MunicipalityOutOfScope,
  municipalityScope,
  type NewMunicipalOffer,
  type Principal,
  toOfferView,
} from "@coordina/domain"
import { MunicipalOffersRepository } from "@coordina/store"
import { Context, Effect, Layer } from "effect"
import { Ids } from "./Ids.js"
import { createAudited } from "./Transaction.js"

/** What an offer list can be filtered by. */
export interface OfferQuery {
  readonly limit?: number | undefined
  readonly cursor?: string | undefined
  readonly municipalityId?: string | undefined
}

const make = Effect.gen(function* () {
  const offers = yield* MunicipalOffersRepository
  const ids = yield* Ids

  /**
   * Records an offer; a municipality outside the caller's scope is 403 (municipalities are
   * public, so that names nothing hidden), an unknown or non-municipal institution 404 or 422.
   */
  const create = Effect.fn("MunicipalOffers.create")(function* (
    principal: Principal,
    input: NewMunicipalOffer,
  ) {
    if (!canActForMunicipality(principal, input.municipalityId))
      return yield* new MunicipalityOutOfScope({
        municipalityId: input.municipalityId,
        message: "This caller may not record offers for that municipality.",
      })
    return yield* createAudited(
      principal.id,
      "municipal_offer",
      Effect.gen(function* () {
        return toOfferView(yield* offers.create(yield* ids.next("off"), input))
      }),
    )
  })

  /** A page of the offers of the caller's municipalities, scoped in SQL so pages are full. */
  const list = Effect.fn("MunicipalOffers.list")(function* (principal: Principal, query: OfferQuery) {
    const scope = municipalityScope(principal)
    const page = yield* offers.list({ ...query, ...(scope === "all" ? {} : { municipalityIds: scope }) })
    return { items: page.items.map(toOfferView), nextCursor: page.nextCursor } satisfies MunicipalOfferPage
  })

  return { create, list } as const
})

/** Municipal offers. */
export class MunicipalOffers extends Context.Tag("@coordina/app/MunicipalOffers")<
  MunicipalOffers,
  Effect.Effect.Success<typeof make>
>() {
  /** Over the store and the ids. */
  static readonly layer = Layer.effect(MunicipalOffers, make)
}
