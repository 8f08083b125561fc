/**
 * Municipal offers: a municipality tells SAR how many beneficiaries it will take and which
 * measures it plans. Each accepted match takes one place; a match that ends without an
 * agreement gives its place back.
 * @module
 */
import { Either, Schema } from "effect"
import { idMaxLength } from "./Text.js"
import { IsoDate, PlausibleDate } from "./CalendarDate.js"
import { InstitutionId } from "./Institution.js"
import { PlanArea } from "./ProcedureRuleSet.js"

/** Opaque identifier of a municipal offer. */
export const OfferId = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(idMaxLength),
  Schema.brand("OfferId"),
  Schema.annotations({ identifier: "OfferId" }),
)
/** Opaque identifier of a municipal offer. */
export type OfferId = typeof OfferId.Type

/** What a municipality sends: how many it takes, from when, with which planned measures. */
export class NewMunicipalOffer extends Schema.Class<NewMunicipalOffer>("NewMunicipalOffer")({
  municipalityId: InstitutionId,
  date: PlausibleDate,
  capacity: Schema.Int.pipe(Schema.between(1, 10_000)),
  plannedAreas: Schema.Array(PlanArea).pipe(Schema.maxItems(50)),
  note: Schema.optional(Schema.String.pipe(Schema.maxLength(2000))),
}) {}

/** A municipal offer as stored: `taken` places are held by matches. */
export class MunicipalOffer extends Schema.Class<MunicipalOffer>("MunicipalOffer")({
  id: OfferId,
  ...NewMunicipalOffer.fields,
  // Stored offers are read as they are, so a date written before the bound cannot break a read.
  date: IsoDate,
  taken: Schema.Int,
  version: Schema.Int,
}) {}

/** An offer as the API shows it, with the places left. */
export const MunicipalOfferView = Schema.Struct({
  ...MunicipalOffer.fields,
  remaining: Schema.Int,
}).annotations({
  identifier: "MunicipalOfferView",
})
/** An offer as the API shows it. */
export type MunicipalOfferView = typeof MunicipalOfferView.Type

/** A page of offers, as `GET /v1/municipal-offers` answers it. */
export const MunicipalOfferPage = Schema.Struct({
  items: Schema.Array(MunicipalOfferView),
  nextCursor: Schema.NullOr(Schema.String),
}).annotations({ identifier: "MunicipalOfferPage" })
/** A page of offers. */
export type MunicipalOfferPage = typeof MunicipalOfferPage.Type

/** Places still open on an offer. */
export const remainingCapacity = (offer: { readonly capacity: number; readonly taken: number }): number =>
  Math.max(0, offer.capacity - offer.taken)

/** The API's view of an offer. */
export const toOfferView = (offer: MunicipalOffer): MunicipalOfferView => ({
  ...offer,
  remaining: remainingCapacity(offer),
})

/** The offer has no place left for another match. */
export class NoCapacityLeft extends Schema.TaggedError<NoCapacityLeft>()("NoCapacityLeft", {
  offerId: Schema.String,
  capacity: Schema.Int,
}) {}

/** No municipal offer has the given id. */
export class OfferNotFound extends Schema.TaggedError<OfferNotFound>()("OfferNotFound", {
  offerId: Schema.String,
}) {}

/** Takes one place on an offer, or `NoCapacityLeft`. */
export const takePlace = <O extends MunicipalOffer>(offer: O): Either.Either<number, NoCapacityLeft> =>
  remainingCapacity(offer) > 0
    ? Either.right(offer.taken + 1)
    : Either.left(new NoCapacityLeft({ offerId: offer.id, capacity: offer.capacity }))

/** Gives a place back when a match ends without an agreement; returns the new number taken. */
export const releasePlace = (offer: { readonly taken: number }): number => Math.max(0, offer.taken - 1)

/** The number taken after a place is taken or given back, or `NoCapacityLeft`. */
export const movePlace = <O extends MunicipalOffer>(
  offer: O,
  move: "take" | "release",
): Either.Either<number, NoCapacityLeft> =>
  move === "take" ? takePlace(offer) : Either.right(releasePlace(offer))

/**
 * The caller may not act for this municipality (a case worker of another one). Municipalities
 * are public institutions, so refusing names nothing the caller could not read.
 */
export class MunicipalityOutOfScope extends Schema.TaggedError<MunicipalityOutOfScope>()(
  "MunicipalityOutOfScope",
  { municipalityId: Schema.String, message: Schema.String },
) {}

/** The institution named as the offer's municipality is not a municipality. */
export class NotAMunicipality extends Schema.TaggedError<NotAMunicipality>()("NotAMunicipality", {
  institutionId: Schema.String,
  kind: Schema.String,
}) {}
