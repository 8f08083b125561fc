import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import {
  type Agreement,
  type AgreementEvent,
  type AgreementId,
  canTakePlan,
  close,
  conclude,
  declareIntent,
  match,
  placeMove,
  replay,
  viewAsOf,
} from "./Agreement.js"
import type { BeneficiaryId } from "./Beneficiary.js"
import { isoDate } from "./CalendarDate.js"
import type { InstitutionId } from "./Institution.js"
import { MunicipalOffer, movePlace, type OfferId } from "./MunicipalOffer.js"

const d = isoDate
const rec = { at: "2019-03-15T10:00:00.000Z", by: "test" }
const offer = new MunicipalOffer({
  id: "off_1" as OfferId,
  municipalityId: "ins_town" as InstitutionId,
  date: d("2019-01-10"),
  capacity: 2,
  plannedAreas: [],
  taken: 1,
  version: 2,
})

const intent = Either.getOrThrow(
  declareIntent({
    ...rec,
    agreementId: "agr_1" as AgreementId,
    beneficiary: { id: "ben_1" as BeneficiaryId, statusDecisionDate: d("2019-03-01") },
    intentDate: d("2019-03-15"),
  }),
)
const declared = replay([intent])
const matchEvent = Either.getOrThrow(match(declared, { ...rec, offer, date: d("2019-03-20") }))
const matched = replay([intent, matchEvent])
const closing = (a: Agreement): AgreementEvent =>
  Either.getOrThrow(close(a, { ...rec, date: d("2019-03-25"), reason: "refused" }))

describe("places on municipal offers", () => {
  it("a match takes a place on its offer", () => {
    expect(placeMove(declared, matchEvent)).toEqual({ offerId: "off_1", move: "take" })
  })

  it("closing a match gives its place back to the offer", () => {
    expect(placeMove(matched, closing(matched))).toEqual({ offerId: "off_1", move: "release" })
  })

  it("closing an unmatched intent, or concluding, moves no place", () => {
    expect(placeMove(declared, closing(declared))).toBeUndefined()
    const concluded = Either.getOrThrow(
      conclude(matched, { ...rec, date: d("2019-04-01"), signedBy: "Кмет" }),
    )
    expect(placeMove(matched, concluded)).toBeUndefined()
    expect(placeMove(undefined, intent)).toBeUndefined()
  })

  it("takes and gives back within the offer's capacity", () => {
    expect(Either.getOrThrow(movePlace(offer, "take"))).toBe(2)
    expect(Either.getOrThrow(movePlace(offer, "release"))).toBe(0)
    const full = new MunicipalOffer({ ...offer, taken: 2 })
    expect(Either.isLeft(movePlace(full, "take"))).toBe(true)
    expect(Either.getOrThrow(movePlace(new MunicipalOffer({ ...offer, taken: 0 }), "release"))).toBe(0)
  })
})

describe("an agreement's affordances", () => {
  it("offers the plan only while matched or active, and nothing to a caller who may not change it", () => {
    expect(canTakePlan(declared, d("2019-03-16"))).toBe(false)
    expect(canTakePlan(matched, d("2019-03-21"))).toBe(true)
    expect(viewAsOf(matched, d("2019-03-21"))).toMatchObject({
      allowedActions: ["conclude", "close"],
      planAllowed: true,
    })
    expect(viewAsOf(matched, d("2019-03-21"), false)).toMatchObject({
      allowedActions: [],
      planAllowed: false,
    })
    const closed = replay([intent, matchEvent, closing(matched)])
    expect(viewAsOf(closed, d("2019-03-26"))).toMatchObject({ allowedActions: [], planAllowed: false })
  })
})
