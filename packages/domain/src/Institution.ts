/**
 * Institutions whose representatives a project reaches: ministries, agencies, regional
 * administrations, municipalities, NGOs, international organisations.
 * @module
 */
import { Either, Schema } from "effect"
import { idMaxLength } from "./Text.js"
import { PlanningRegionCode, ProvinceCode, provinceIsInRegion, regionOfProvince } from "./PlanningRegions.js"
import { pageOf } from "./Page.js"

/** Opaque identifier of an institution. */
export const InstitutionId = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(idMaxLength),
  Schema.brand("InstitutionId"),
  Schema.annotations({ identifier: "InstitutionId" }),
)
/** Opaque identifier of an institution. */
export type InstitutionId = typeof InstitutionId.Type

/** What kind of body an institution is. */
export const InstitutionKind = Schema.Literal(
  "state_authority",
  "public_institution",
  "regional_administration",
  "municipality",
  "ngo",
  "international_organisation",
  "other",
).annotations({ identifier: "InstitutionKind" })
/** What kind of body an institution is. */
export type InstitutionKind = typeof InstitutionKind.Type

/** Every institution kind, in the order the schema lists them. */
export const institutionKinds: ReadonlyArray<InstitutionKind> = InstitutionKind.literals

/** The level of government or action an institution works at. */
export const InstitutionLevel = Schema.Literal("central", "regional", "local", "international").annotations({
  identifier: "InstitutionLevel",
})
/** The level of government or action an institution works at. */
export type InstitutionLevel = typeof InstitutionLevel.Type

/** Every institution level. */
export const institutionLevels: ReadonlyArray<InstitutionLevel> = InstitutionLevel.literals

/** An ISO 3166-1 alpha-2 country code, upper-case. */
export const CountryCode = Schema.String.pipe(
  Schema.pattern(/^[A-Z]{2}$/, { message: () => "an ISO 3166-1 alpha-2 country code such as BG" }),
).annotations({ identifier: "CountryCode", examples: ["BG"] })

const Name = Schema.String.pipe(Schema.trimmed(), Schema.minLength(1), Schema.maxLength(500))
const Municipality = Schema.String.pipe(Schema.trimmed(), Schema.minLength(1), Schema.maxLength(200))

/** An address that receives an institution's task e-mails: trimmed and lower-cased. */
export const ContactEmail = Schema.Trim.pipe(
  Schema.compose(Schema.Lowercase),
  Schema.maxLength(254),
  // No commas, semicolons or angle brackets: one address, never a list or a display name
  // that could smuggle another recipient into the To: header.
  Schema.pattern(/^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/, {
    message: () => "an email address such as office@example.bg",
  }),
  Schema.annotations({ identifier: "ContactEmail" }),
)

/** How many contact addresses one institution may have. */
export const maxContactEmails = 20

/** An institution's contact addresses: at most {@link maxContactEmails}, repeats (in any case) dropped. */
export const ContactEmails = Schema.transform(
  Schema.Array(ContactEmail).pipe(Schema.maxItems(maxContactEmails)),
  Schema.Array(Schema.String),
  { strict: true, decode: (emails) => [...new Set(emails)], encode: (emails) => emails },
).annotations({
  identifier: "ContactEmails",
  description: `The addresses that receive the institution's task e-mails; at most ${maxContactEmails}, repeats dropped`,
})

const institutionFields = {
  name: Name,
  kind: InstitutionKind,
  level: InstitutionLevel,
  country: CountryCode,
  planningRegion: Schema.optional(PlanningRegionCode),
  province: Schema.optional(ProvinceCode),
  municipality: Schema.optional(Municipality),
}

/** What a client sends to create an institution. */
export class NewInstitution extends Schema.Class<NewInstitution>("NewInstitution")({
  ...institutionFields,
  contactEmails: Schema.optional(ContactEmails),
}) {}

/** A change to an institution: the fields sent replace the stored ones. */
export class InstitutionPatch extends Schema.Class<InstitutionPatch>("InstitutionPatch")({
  name: Schema.optional(Name),
  kind: Schema.optional(InstitutionKind),
  level: Schema.optional(InstitutionLevel),
  country: Schema.optional(CountryCode),
  planningRegion: Schema.optional(PlanningRegionCode),
  province: Schema.optional(ProvinceCode),
  municipality: Schema.optional(Municipality),
  /** Replaces the whole list; `[]` removes every address. */
  contactEmails: Schema.optional(ContactEmails),
}) {}

/** An institution as stored. */
export class Institution extends Schema.Class<Institution>("Institution")({
  id: InstitutionId,
  ...institutionFields,
  contactEmails: Schema.optionalWith(ContactEmails, { default: () => [] }),
  version: Schema.Int.pipe(Schema.greaterThan(0)),
}) {}

/** No institution has the given id. */
export class InstitutionNotFound extends Schema.TaggedError<InstitutionNotFound>()("InstitutionNotFound", {
  institutionId: Schema.String,
}) {}

/** The location codes of an institution do not fit together. */
export class InvalidRegionCode extends Schema.TaggedError<InvalidRegionCode>()("InvalidRegionCode", {
  field: Schema.String,
  message: Schema.String,
}) {}

/** The record changed since the client read it (`If-Match` named an older version). */
export class InstitutionVersionStale extends Schema.TaggedError<InstitutionVersionStale>()(
  "InstitutionVersionStale",
  {
    entity: Schema.String,
    expectedVersion: Schema.Int,
    currentVersion: Schema.Int,
  },
) {}

/** The location fields every institution record carries. */
export interface InstitutionLocation {
  readonly country: string
  readonly planningRegion?: string | undefined
  readonly province?: string | undefined
  readonly municipality?: string | undefined
}

/**
 * Checks that the location fields fit together: only a Bulgarian institution has a planning
 * region, province or municipality, and a province lies within the planning region. A
 * province without a region gets its region filled in.
 */
export const validateLocation = <A extends InstitutionLocation>(
  input: A,
): Either.Either<A, InvalidRegionCode> => {
  if (input.country !== "BG") {
    for (const field of ["planningRegion", "province", "municipality"] as const) {
      if (input[field] !== undefined)
        return Either.left(
          new InvalidRegionCode({
            field,
            message: `Only a Bulgarian institution (country BG) has a ${field}.`,
          }),
        )
    }
    return Either.right(input)
  }
  if (input.province === undefined) return Either.right(input)
  if (input.planningRegion === undefined) {
    const region = regionOfProvince(input.province)
    return region
      ? Either.right({ ...input, planningRegion: region.code })
      : Either.left(
          new InvalidRegionCode({ field: "province", message: `${input.province} is not a province.` }),
        )
  }
  return provinceIsInRegion(input.province, input.planningRegion)
    ? Either.right(input)
    : Either.left(
        new InvalidRegionCode({
          field: "province",
          message: `Province ${input.province} is not in planning region ${input.planningRegion}.`,
        }),
      )
}

/** The facts about an institution that the reach rules use. */
export interface InstitutionFacts {
  readonly id: string
  readonly kind: InstitutionKind
  readonly level: InstitutionLevel
  readonly country: string
  readonly planningRegion?: string | undefined
}

/**
 * Who a project means to reach. Each dimension that is given replaces the default for that
 * dimension; a dimension left out keeps the default.
 */
export class TargetGroup extends Schema.Class<TargetGroup>("TargetGroup")({
  countries: Schema.optional(Schema.Array(CountryCode).pipe(Schema.minItems(1))),
  institutionKinds: Schema.optional(Schema.Array(InstitutionKind).pipe(Schema.minItems(1))),
  levels: Schema.optional(Schema.Array(InstitutionLevel).pipe(Schema.minItems(1))),
}) {}

/** The default target group: Bulgarian institutions of every kind but `other`, at every level. */
export const defaultTargetGroup = {
  countries: ["BG"],
  institutionKinds: institutionKinds.filter((k) => k !== "other"),
  levels: institutionLevels,
} as const

/** The target group a project's (optional) narrowing results in. */
export const effectiveTargetGroup = (
  group: Partial<TargetGroup> | undefined,
): {
  readonly countries: ReadonlyArray<string>
  readonly institutionKinds: ReadonlyArray<InstitutionKind>
  readonly levels: ReadonlyArray<InstitutionLevel>
} => ({
  countries: group?.countries ?? defaultTargetGroup.countries,
  institutionKinds: group?.institutionKinds ?? defaultTargetGroup.institutionKinds,
  levels: group?.levels ?? defaultTargetGroup.levels,
})

/** Whether an institution is in a project's target group. An unknown institution never is. */
export const inTargetGroup = (
  group: ReturnType<typeof effectiveTargetGroup>,
  institution: InstitutionFacts | undefined,
): boolean =>
  institution !== undefined &&
  group.countries.includes(institution.country) &&
  group.institutionKinds.includes(institution.kind) &&
  group.levels.includes(institution.level)

/** A page of institutions as the API answers it. */
export const InstitutionPage = pageOf(Institution, "InstitutionPage")
