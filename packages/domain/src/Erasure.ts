/**
 * Erasure of a person's personal data on request or when retention ends, such that no historical
 * figure changes. What stays: the record's id (already pseudonymous), a salted pseudonymous key
 * in place of the name, and the frozen attributes reach accounting reads (the institution the
 * person represented and their gender bucket); participations and dissemination contacts keep
 * pointing at the record. What goes: names, email, phone; for a beneficiary the whole personal
 * part (the case record the procedure and review count is pseudonymous already).
 * @module
 */
import { Schema } from "effect"

/** The key that replaces an erased person's name: `ERASED-` and 16 hex digits of a keyed hash. */
export const ErasureKey = Schema.String.pipe(
  Schema.pattern(/^ERASED-[0-9a-f]{16}$/),
  Schema.annotations({ identifier: "ErasureKey", examples: ["ERASED-3f9a0c17b2e4d685"] }),
)

/**
 * The erasure key from the hex digest of a keyed hash (HMAC-SHA-256 of the record's kind and id
 * under the configured salt, computed by the caller): stable for one record, not reversible and
 * not linkable across installations without the salt.
 */
export const erasureKeyFromDigest = (hexDigest: string): string =>
  `ERASED-${hexDigest.slice(0, 16).toLowerCase()}`

/** The given name an erased person shows. */
export const erasedGivenName = "Erased"

/**
 * The fields of a person that erasure takes away: the names are replaced by the erasure key,
 * email and phone go. The store's SQL erasure writes exactly these columns.
 */
export const erasedPersonFields = ["givenName", "familyName", "email", "phone"] as const

/** What erasure keeps of a person, so that every total stays as it was. */
export const keptPersonAttributes: ReadonlyArray<string> = [
  "id",
  "institutionId",
  "gender",
  "participations",
  "disseminationContacts",
]

/** The fields of a beneficiary's personal part that erasure takes away or overwrites. */
export const erasedBeneficiaryFields = [
  "givenName",
  "familyName",
  "birthDate",
  "citizenship",
  "gender",
] as const

/** What erasure keeps of a beneficiary: the pseudonymous case record the procedure counts. */
export const keptBeneficiaryAttributes: ReadonlyArray<string> = [
  "id",
  "pseudonym",
  "statusKind",
  "statusDecisionDate",
  "familyMembers",
  "agreements",
]

/** A beneficiary's personal part after erasure: the name becomes the erasure key, the rest goes. */
export const eraseBeneficiaryPersonal = (
  erasureKey: string,
): {
  readonly givenName: string
  readonly familyName: string
  readonly birthDate: null
  readonly citizenship: null
  readonly gender: null
} => ({
  givenName: erasedGivenName,
  familyName: erasureKey,
  birthDate: null,
  citizenship: null,
  gender: null,
})

/** What erasure leaves of a person's name and contact fields. */
export type ErasedPerson<P> = Omit<P, (typeof erasedPersonFields)[number]> & {
  readonly givenName: string
  readonly familyName: string
}

/**
 * A person after erasure: the name becomes the erasure key, email and phone go, everything else
 * (id, institution, gender, merge link, version) is kept as it was.
 */
export const erasePerson = <
  P extends {
    readonly givenName: string
    readonly familyName: string
    readonly email?: string | undefined
    readonly phone?: string | undefined
  },
>(
  person: P,
  erasureKey: string,
): ErasedPerson<P> => {
  const kept: Record<string, unknown> = { ...person }
  for (const field of erasedPersonFields) delete kept[field]
  return {
    ...(kept as Omit<P, (typeof erasedPersonFields)[number]>),
    givenName: erasedGivenName,
    familyName: erasureKey,
  }
}

/** Whether a stored name is an erasure key: such a record is never matched by name again. */
export const isErased = (person: { readonly givenName: string; readonly familyName: string }): boolean =>
  person.givenName === erasedGivenName && Schema.is(ErasureKey)(person.familyName)

/** The attributes of a person reach accounting reads, which erasure must never change. */
export interface FrozenAttributes {
  readonly institutionId: string
  readonly genderBucket: string
}

/** A person's frozen attributes: institution, and gender as the reach breakdown buckets it. */
export const frozenAttributes = (person: {
  readonly institutionId: string
  readonly gender?: string | undefined
}): FrozenAttributes => ({ institutionId: person.institutionId, genderBucket: person.gender ?? "unknown" })

/** What an erasure did, as the API answers it. */
export class ErasureResult extends Schema.Class<ErasureResult>("ErasureResult")({
  entity: Schema.String.annotations({ description: "`person:…` or `beneficiary:…`" }),
  erasureKey: ErasureKey,
  erasedAt: Schema.String,
  records: Schema.Int.annotations({ description: "Records erased: the person and any merged into them" }),
  kept: Schema.Array(Schema.String).annotations({ description: "The attributes kept so totals stay" }),
}) {}

/** The record was erased already; erasure is not repeated. */
export class AlreadyErased extends Schema.TaggedError<AlreadyErased>()("AlreadyErased", {
  entity: Schema.String,
}) {}

/** What erased values read as wherever they were recorded (the audit log's before and after). */
export const redactedValue = "[erased]"

/**
 * A JSON value with every string leaf equal (ignoring case and surrounding space) to one of
 * `values` replaced by {@link redactedValue}: how erasure takes a person's data out of recorded
 * history without changing anything else about it.
 */
export const redactValues = (value: unknown, values: ReadonlyArray<string>): unknown => {
  const targets = new Set(values.map((v) => v.trim().toLowerCase()).filter((v) => v.length > 0))
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return targets.has(v.trim().toLowerCase()) ? redactedValue : v
    if (Array.isArray(v)) return v.map(walk)
    if (v !== null && typeof v === "object")
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, walk(inner)]))
    return v
  }
  return walk(value)
}
