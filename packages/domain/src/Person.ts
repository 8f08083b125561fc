/**
 * People: the representatives of institutions a project reaches.
 * @module
 */
import { idMaxLength, StorableText } from "./Text.js"
import { Schema } from "effect"
import { InstitutionId } from "./Institution.js"
import { fullNameKey, normaliseEmail } from "./PersonName.js"
import { pageOf } from "./Page.js"

/** Opaque, pseudonymous identifier of a person. */
export const PersonId = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(idMaxLength),
  Schema.brand("PersonId"),
  Schema.annotations({ identifier: "PersonId" }),
)
/** Opaque identifier of a person. */
export type PersonId = typeof PersonId.Type

/** Gender as the person gave it; `undisclosed` when they chose not to say. */
export const Gender = Schema.Literal("female", "male", "other", "undisclosed").annotations({
  identifier: "Gender",
})
/** Gender as the person gave it. */
export type Gender = typeof Gender.Type

const NamePart = StorableText.pipe(Schema.trimmed(), Schema.minLength(1), Schema.maxLength(200))
/** An email address as entered: trimmed and lower-cased when stored. */
export const Email = StorableText.pipe(
  Schema.maxLength(320),
  Schema.filter((s) => /^[^\s@]+@[^\s@]+$/.test(s.trim()) || "an email address such as name@example.bg"),
).annotations({ identifier: "Email" })
const Phone = StorableText.pipe(Schema.trimmed(), Schema.minLength(1), Schema.maxLength(50))

/** What a client sends to create a person. */
export class NewPerson extends Schema.Class<NewPerson>("NewPerson")({
  givenName: NamePart,
  familyName: NamePart,
  email: Schema.optional(Email),
  phone: Schema.optional(Phone),
  gender: Schema.optional(Gender),
  institutionId: InstitutionId,
}) {}

/** A person as stored. `mergedInto` names the record this one was merged into. */
export class Person extends Schema.Class<Person>("Person")({
  id: PersonId,
  givenName: NamePart,
  familyName: NamePart,
  email: Schema.optional(Schema.String),
  phone: Schema.optional(Schema.String),
  gender: Schema.optional(Gender),
  institutionId: InstitutionId,
  mergedInto: Schema.optional(PersonId),
  version: Schema.Int.pipe(Schema.greaterThan(0)),
}) {}

/** What a caller may do with a person, as the API tells it (the server decides, the client shows). */
export const PersonAction = Schema.Literal("merge", "unmerge", "export", "erase").annotations({
  identifier: "PersonAction",
})
/** What a caller may do with a person. */
export type PersonAction = typeof PersonAction.Type

/**
 * A person as the API answers it: the record and what the caller may do with it
 * (`allowedActions`, decided by the access policy's {@link personActions}).
 */
export const PersonView = Schema.Struct({
  ...Person.fields,
  allowedActions: Schema.Array(PersonAction).annotations({
    description: "What the caller may do with this record: merge, unmerge, export, erase",
  }),
}).annotations({ identifier: "PersonView" })
/** A person as the API answers it. */
export type PersonView = typeof PersonView.Type

/** Possible duplicates: surviving records that share a normalised name at more than one institution. */
export const DuplicateGroupView = Schema.Struct({
  nameKey: Schema.String.annotations({ description: "The normalised name the records share" }),
  people: Schema.Array(PersonView),
  dismissedPairs: Schema.Array(Schema.Tuple(Schema.String, Schema.String)).annotations({
    description:
      "Pairs of these records already dismissed as two people (in id order): each record is still listed for another pair",
  }),
}).annotations({ identifier: "DuplicateGroup" })
/** Possible duplicates, as the API answers them. */
export type DuplicateGroupView = typeof DuplicateGroupView.Type

/** What a client sends to merge a record into another. */
export const MergeRequest = Schema.Struct({ intoPersonId: Schema.String }).annotations({
  identifier: "MergeRequest",
})

/** The keys a person is matched by. */
export interface PersonKeys {
  /** The normalised full name ({@link fullNameKey}). */
  readonly nameKey: string
  /** The normalised email, when there is one. */
  readonly emailKey: string | undefined
}

/** The matching keys of a new or stored person. */
export const personKeys = (p: {
  readonly givenName: string
  readonly familyName: string
  readonly email?: string | undefined
}): PersonKeys => ({ nameKey: fullNameKey(p.givenName, p.familyName), emailKey: normaliseEmail(p.email) })

/** How a person is shown to those allowed to see names. */
export const displayName = (p: { readonly givenName: string; readonly familyName: string }): string =>
  `${p.givenName} ${p.familyName}`

/**
 * The record a person finally counts as: follows `mergedInto` links to the survivor. A cycle
 * (which merging refuses to create) stops at the first repeated record.
 */
export const survivorOf = (id: string, mergedInto: (id: string) => string | undefined): string => {
  const seen = new Set<string>()
  let current = id
  for (;;) {
    seen.add(current)
    const next = mergedInto(current)
    if (next === undefined || seen.has(next)) return current
    current = next
  }
}

/** No person has the given id. */
export class PersonNotFound extends Schema.TaggedError<PersonNotFound>()("PersonNotFound", {
  personId: Schema.String,
}) {}

/** Another person already has this email (after trimming and lower-casing). */
export class EmailTaken extends Schema.TaggedError<EmailTaken>()("EmailTaken", {
  email: Schema.String,
  existingId: Schema.String,
}) {}

/** A merge or its undo is not possible, and why. */
export class MergeRefused extends Schema.TaggedError<MergeRefused>()("MergeRefused", {
  personId: Schema.String,
  intoPersonId: Schema.optional(Schema.String),
  message: Schema.String,
}) {}

/**
 * Why merging `personId` into `intoPersonId` is refused, or undefined when it is allowed: a
 * record is not merged into itself, twice, or into a record that is itself merged.
 */
export const mergeRefusal = (
  person: { readonly id: string; readonly mergedInto?: string | undefined },
  into: { readonly id: string; readonly mergedInto?: string | undefined },
): string | undefined => {
  if (person.id === into.id) return "A person cannot be merged into themselves."
  if (person.mergedInto !== undefined) return `This person is already merged into ${person.mergedInto}.`
  if (into.mergedInto !== undefined)
    return `That person is merged into ${into.mergedInto}; merge into the surviving record instead.`
  return undefined
}

/** A page of people as the API answers it. */
export const PersonPage = pageOf(PersonView, "PersonPage")

/** A page of possible duplicates, by name. */
export const DuplicatePage = pageOf(DuplicateGroupView, "DuplicatePage")
