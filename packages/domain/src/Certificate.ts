/**
 * Attendance certificates (issue 12, item 4): a code issued to each person who attended an
 * event, which anyone may check without signing in. The public answer names the event and only
 * the holder's initials, so a leaked code discloses as little personal data as possible.
 * @module
 */
import { Schema } from "effect"
import { IsoDate } from "./CalendarDate.js"
import { EventId } from "./Event.js"
import { PersonId } from "./Person.js"

/** Length of a certificate code with its group dashes: 20 Crockford base32 symbols = 100 bits. */
export const certificateCodeMaxLength = 24

/** A certificate's public code: Crockford base32 symbols in dash-separated groups of four. */
export const CertificateCode = Schema.String.pipe(
  Schema.pattern(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4})+$/),
  Schema.maxLength(certificateCodeMaxLength),
  Schema.brand("CertificateCode"),
  Schema.annotations({ identifier: "CertificateCode" }),
)
/** A certificate's public code. */
export type CertificateCode = typeof CertificateCode.Type

/** A certificate of attendance: one per person and event. */
export class Certificate extends Schema.Class<Certificate>("Certificate")({
  code: CertificateCode,
  eventId: EventId,
  personId: PersonId,
  issuedAt: Schema.String,
}) {}

/** What issuing certificates for an event answers: each attendee's code. */
export class IssuedCertificates extends Schema.Class<IssuedCertificates>("IssuedCertificates")({
  items: Schema.Array(Schema.Struct({ personId: PersonId, code: CertificateCode })),
}) {}

/** The public verification answer: the event and the holder's initials, never the name. */
export class CertificateVerification extends Schema.Class<CertificateVerification>("CertificateVerification")(
  {
    valid: Schema.Boolean,
    event: Schema.Struct({ title: Schema.String, startDate: IsoDate, endDate: IsoDate }),
    initials: Schema.String,
  },
) {}

/** No certificate carries the code asked for. */
export class CertificateNotFound extends Schema.TaggedError<CertificateNotFound>()("CertificateNotFound", {
  // Not `code`: a problem document's `code` is the error's tag, which a field would overwrite.
  certificateCode: Schema.String,
}) {}

const firstLetter = (name: string): string => {
  const letter = name.trim().match(/\p{L}/u)?.[0]
  return letter === undefined ? "" : `${letter.toLocaleUpperCase()}.`
}

/** Initials such as "И. П." or "A. B.", for any script; an empty part gives no initial. */
export const initials = (givenName: string, familyName: string): string =>
  [firstLetter(givenName), firstLetter(familyName)].filter((s) => s !== "").join(" ")

const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

/** Symbols of a newly made code (the longest the schema allows, without its dashes). */
export const certificateCodeSymbols = 20

/**
 * A code from random bytes (at least 13, for 100 bits): the low 100 bits of the first 13 read
 * five at a time as Crockford base32, grouped by four. The randomness comes in, so the rule
 * stays pure.
 */
export const certificateCodeOf = (bytes: Uint8Array): CertificateCode => {
  const needed = Math.ceil((certificateCodeSymbols * 5) / 8)
  if (bytes.length < needed) throw new RangeError(`a certificate code needs ${needed} random bytes`)
  let bits = 0n
  for (const b of bytes.subarray(0, needed)) bits = (bits << 8n) | BigInt(b)
  let code = ""
  for (let i = certificateCodeSymbols - 1; i >= 0; i--) {
    code += crockford[Number((bits >> BigInt(i * 5)) & 31n)]
    if (i % 4 === 0 && i > 0) code += "-"
  }
  return code as CertificateCode
}

/** What a caller may do with an event's certificates, as the API tells it (the server decides). */
export const CertificateAction = Schema.Literal("issue", "download").annotations({
  identifier: "CertificateAction",
})
/** What a caller may do with an event's certificates. */
export type CertificateAction = typeof CertificateAction.Type

/** An event's certificates as the API lists them (codes, no names), with what the caller may do. */
export class CertificateList extends Schema.Class<CertificateList>("CertificateList")({
  items: Schema.Array(Schema.Struct({ personId: PersonId, code: CertificateCode, issuedAt: Schema.String })),
  allowedActions: Schema.Array(CertificateAction),
}) {}

/** The event has no certificates yet, so there is nothing to download. */
export class NoCertificatesIssued extends Schema.TaggedError<NoCertificatesIssued>()("NoCertificatesIssued", {
  eventId: Schema.String,
}) {}

/** The languages a certificate is printed in. */
export const CertificateLanguage = Schema.Literal("bg", "en").annotations({
  identifier: "CertificateLanguage",
})
/** The languages a certificate is printed in. */
export type CertificateLanguage = typeof CertificateLanguage.Type
