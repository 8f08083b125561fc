/**
 * Beneficiaries of international protection, kept in two parts: the pseudonymous case record
 * that the procedure, the review and every count use, and the personal data, stored
 * separately and shown only to roles that need it (every read is audit-logged).
 * @module
 */
import { idMaxLength, StorableText } from "./Text.js"
import { Schema } from "effect"
import { type IsoDate, PlausibleDate } from "./CalendarDate.js"

/** Opaque identifier of a beneficiary's case record. */
export const BeneficiaryId = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(idMaxLength),
  Schema.brand("BeneficiaryId"),
  Schema.annotations({ identifier: "BeneficiaryId" }),
)
/** Opaque identifier of a beneficiary's case record. */
export type BeneficiaryId = typeof BeneficiaryId.Type

/** The protection granted: refugee status, humanitarian status or asylum. */
export const ProtectionStatusKind = Schema.Literal("refugee", "humanitarian", "asylum").annotations({
  identifier: "ProtectionStatusKind",
})
/** The protection granted. */
export type ProtectionStatusKind = typeof ProtectionStatusKind.Type

/** A pseudonym such as `BNF-7K2Q-9XWD`: what case lists and reports show instead of a name. */
export const Pseudonym = Schema.String.pipe(
  Schema.pattern(/^BNF-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
  Schema.annotations({ identifier: "Pseudonym", examples: ["BNF-7K2Q-9XWD"] }),
)

const Text = StorableText.pipe(Schema.trimmed(), Schema.minLength(1), Schema.maxLength(200))

/** The personal data of a beneficiary, a special category kept apart from the case record. */
export class BeneficiaryPersonal extends Schema.Class<BeneficiaryPersonal>("BeneficiaryPersonal")({
  givenName: Text,
  familyName: Text,
  birthDate: Schema.optional(PlausibleDate),
  citizenship: Schema.optional(
    Schema.String.pipe(Schema.pattern(/^[A-Z]{2}$/)).annotations({ description: "ISO 3166-1 alpha-2" }),
  ),
  gender: Schema.optional(Schema.Literal("female", "male", "other", "undisclosed")),
}) {}

const caseFields = {
  statusKind: ProtectionStatusKind,
  statusDecisionDate: PlausibleDate,
  familyMembers: Schema.Int.pipe(Schema.between(0, 50)).annotations({
    description: "Accompanying family members",
  }),
}

/** What a client sends to register a beneficiary. */
export class NewBeneficiary extends Schema.Class<NewBeneficiary>("NewBeneficiary")({
  ...caseFields,
  personal: BeneficiaryPersonal,
}) {}

/** The pseudonymous case record: everything the procedure and the review need, no names. */
export class BeneficiaryCase extends Schema.Class<BeneficiaryCase>("BeneficiaryCase")({
  id: BeneficiaryId,
  pseudonym: Pseudonym,
  ...caseFields,
}) {}

/** A beneficiary as the API shows it: `personal` only to roles allowed to see it. */
export const BeneficiaryView = Schema.Struct({
  ...BeneficiaryCase.fields,
  personal: Schema.optional(BeneficiaryPersonal),
}).annotations({ identifier: "BeneficiaryView" })
/** A beneficiary as the API shows it. */
export type BeneficiaryView = typeof BeneficiaryView.Type

const pseudonymAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

/** The pseudonym for 40 random bits (given as 5 bytes); randomness comes from the caller. */
export const pseudonymFromBytes = (bytes: ArrayLike<number>): string => {
  let n = 0n
  for (let i = 0; i < 5; i++) n = (n << 8n) | BigInt(bytes[i] ?? 0)
  let out = ""
  for (let i = 0; i < 8; i++) {
    out = pseudonymAlphabet[Number(n & 31n)] + out
    n >>= 5n
  }
  return `BNF-${out.slice(0, 4)}-${out.slice(4)}`
}

/**
 * Why a beneficiary's dates cannot be right on `today`, or undefined when they can: a birth
 * date and a status decision are in the past (today at the latest), and nobody is granted
 * protection before they are born.
 */
export const beneficiaryDatesRefusal = (
  b: {
    readonly statusDecisionDate: IsoDate
    readonly personal?: { readonly birthDate?: IsoDate | undefined }
  },
  today: IsoDate,
): { readonly path: string; readonly message: string } | undefined => {
  const birthDate = b.personal?.birthDate
  if (birthDate !== undefined && birthDate > today)
    return { path: "personal.birthDate", message: `the birth date is after today (${today})` }
  if (b.statusDecisionDate > today)
    return { path: "statusDecisionDate", message: `the status decision is after today (${today})` }
  if (birthDate !== undefined && b.statusDecisionDate < birthDate)
    return { path: "statusDecisionDate", message: "the status decision is before the birth date" }
  return undefined
}

/** A date that cannot be right where it is (a birth date after today, a decision before the birth). */
export class ImplausibleDate extends Schema.TaggedError<ImplausibleDate>()("ImplausibleDate", {
  path: Schema.String,
  message: Schema.String,
}) {}

/** No beneficiary has the given id (or the caller may not learn it exists). */
export class BeneficiaryNotFound extends Schema.TaggedError<BeneficiaryNotFound>()("BeneficiaryNotFound", {
  beneficiaryId: Schema.String,
}) {}
