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
  code: Schema.String,
}) {}

const firstLetter = (name: string): string => {
  const letter = name.trim().match(/\p{L}/u)?.[0]
  return letter === undefined ? "" : `${letter.toLocaleUpperCase()}.`
}

/** Initials such as "И. П." or "A. B.", for any script; an empty part gives no initial. */
export const initials = (givenName: string, familyName: string): string =>
  [firstLetter(givenName), firstLetter(familyName)].filter((s) => s !== "").join(" ")
