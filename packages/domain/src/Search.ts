/**
 * Finding anything from one box: people, beneficiaries, institutions, events and agreements,
 * each kind only for a caller whose rights cover it, and a beneficiary's name only for a role
 * that may read personal data (any other caller finds beneficiaries by pseudonym alone).
 * @module
 */
import { Schema } from "effect"
import { allows, canReadPersonal, maySeeNames, type Principal } from "./Access.js"
import { BeneficiaryCase, BeneficiaryPersonal } from "./Beneficiary.js"
import { pageOf } from "./Page.js"

/** The kinds of record a search finds. */
export const SearchKind = Schema.Literal(
  "person",
  "beneficiary",
  "institution",
  "event",
  "agreement",
).annotations({
  identifier: "SearchKind",
})
/** The kinds of record a search finds. */
export type SearchKind = typeof SearchKind.Type

/** What `GET /v1/search` takes: the words typed, and how many hits of each kind (default 5). */
export const SearchQuery = Schema.Struct({
  q: Schema.String.pipe(Schema.trimmed(), Schema.minLength(1), Schema.maxLength(200)),
  limit: Schema.optional(Schema.NumberFromString.pipe(Schema.int(), Schema.between(1, 20))),
})
/** What `GET /v1/search` takes. */
export type SearchQuery = typeof SearchQuery.Type

/** One record found: its kind and id, the text to show, and a second line when there is one. */
export const SearchHit = Schema.Struct({
  kind: SearchKind,
  id: Schema.String,
  label: Schema.String,
  detail: Schema.optional(Schema.String),
}).annotations({ identifier: "SearchHit" })
/** One record found. */
export type SearchHit = typeof SearchHit.Type

/** The answer of `GET /v1/search`: hits grouped by kind, in the order of {@link searchKindsFor}. */
export const SearchResults = Schema.Struct({
  q: Schema.String,
  items: Schema.Array(SearchHit),
}).annotations({ identifier: "SearchResults" })
/** The answer of `GET /v1/search`. */
export type SearchResults = typeof SearchResults.Type

/** The kinds of record a caller's search looks in: those of the families the caller may read. */
export const searchKindsFor = (principal: Principal): ReadonlyArray<SearchKind> => {
  const kinds: Array<SearchKind> = []
  // A person's name is the whole of what a hit shows, so only roles that may see names find people.
  if (allows(principal, "people", "read") && maySeeNames(principal)) kinds.push("person")
  if (allows(principal, "agreements", "read")) kinds.push("beneficiary")
  if (allows(principal, "institutions", "read")) kinds.push("institution")
  if (allows(principal, "events", "read")) kinds.push("event")
  if (allows(principal, "agreements", "read")) kinds.push("agreement")
  return kinds
}

/** Whether a caller's search may match beneficiaries by name (a read of personal data, audited). */
export const searchesBeneficiaryNames = (principal: Principal): boolean => canReadPersonal(principal)

/** The text a search is matched against as a pseudonym: upper-cased, `BNF-` optional. */
export const pseudonymQuery = (q: string): string => q.trim().toUpperCase()

/** What a caller may do with a beneficiary, as the API tells the client. */
export const BeneficiaryAction = Schema.Literal("declare_intent").annotations({
  identifier: "BeneficiaryAction",
})
/** What a caller may do with a beneficiary. */
export type BeneficiaryAction = typeof BeneficiaryAction.Type

/** The actions a caller may take on a beneficiary: declaring an intent needs agreements write. */
export const beneficiaryActions = (principal: Principal): ReadonlyArray<BeneficiaryAction> =>
  allows(principal, "agreements", "write") ? ["declare_intent"] : []

/** A beneficiary in a list: the case record, the name for roles allowed it, and the caller's actions. */
export const BeneficiaryListItem = Schema.Struct({
  ...BeneficiaryCase.fields,
  personal: Schema.optional(BeneficiaryPersonal),
  allowedActions: Schema.Array(BeneficiaryAction),
}).annotations({ identifier: "BeneficiaryListItem" })
/** A beneficiary in a list. */
export type BeneficiaryListItem = typeof BeneficiaryListItem.Type

/** A page of beneficiaries, as `GET /v1/beneficiaries` answers it. */
export const BeneficiaryPage = pageOf(BeneficiaryListItem, "BeneficiaryPage")
/** A page of beneficiaries. */
export type BeneficiaryPage = typeof BeneficiaryPage.Type
