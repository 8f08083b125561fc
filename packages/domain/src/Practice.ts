/**
 * The good-practice library (issue 12, item 1): practices from other EU countries, presented at
 * the project's workshops, that the manual and the recommendations build on. Each is written in
 * Bulgarian, English or both; a language left out is shown as missing, never filled in from the
 * other. Search reads both languages through the names' transliteration, so Latin input finds
 * Cyrillic text.
 * @module
 */
import { Schema } from "effect"
import { IsoDate } from "./CalendarDate.js"
import { EventId } from "./Event.js"
import { CountryCode } from "./Institution.js"
import { PersonId } from "./Person.js"
import { normaliseName, searchTerms } from "./PersonName.js"
import { planAreaLabels } from "./ProcedureRuleSet.js"
import type { PathProblem } from "./Report.js"
import { idMaxLength } from "./Text.js"

/** Opaque identifier of a practice. */
export const PracticeId = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(idMaxLength),
  Schema.brand("PracticeId"),
  Schema.annotations({ identifier: "PracticeId" }),
)
/** Opaque identifier of a practice. */
export type PracticeId = typeof PracticeId.Type

/** The ISO 3166-1 alpha-2 codes assigned today (249), the countries a practice may come from. */
export const iso3166Alpha2: ReadonlySet<string> = new Set(
  (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV " +
    "BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES " +
    "ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE " +
    "IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY " +
    "MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU " +
    "NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM " +
    "SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE " +
    "VG VI VN VU WF WS YE YT ZA ZM ZW"
  ).split(" "),
)

/** The integration areas a practice belongs to: the rule sets' plan areas, then two of the system's own. */
export const practiceAreas = [...Object.keys(planAreaLabels), "governance", "coordination"] as const

/** The integration area of a practice. */
export const PracticeArea = Schema.Literal(
  ...(practiceAreas as unknown as readonly [string, ...ReadonlyArray<string>]),
).annotations({
  identifier: "PracticeArea",
  description: "A plan area of the rule sets (housing, bulgarian_language, …), governance or coordination",
})
/** The integration area of a practice. */
export type PracticeArea = typeof PracticeArea.Type

/** Labels of the two areas that are not plan areas (the plan areas' labels are the rule sets'). */
export const extraAreaLabels: Readonly<Record<string, { readonly bg: string; readonly en: string }>> = {
  governance: { bg: "Управление", en: "Governance" },
  coordination: { bg: "Координация", en: "Coordination" },
}

/** The level of government a practice or a recommendation addresses. */
export const GovernmentLevel = Schema.Literal("central", "regional", "local").annotations({
  identifier: "GovernmentLevel",
})
/** The level of government. */
export type GovernmentLevel = typeof GovernmentLevel.Type

/** The two languages Coordina writes in. */
export const contentLanguages = ["bg", "en"] as const
/** One of the two languages. */
export type ContentLanguage = (typeof contentLanguages)[number]

/** A text in Bulgarian, English or both, each at most `max` characters; blank counts as missing. */
export const LocalizedText = (max: number) =>
  Schema.Struct({
    bg: Schema.optional(Schema.Trim.pipe(Schema.maxLength(max))),
    en: Schema.optional(Schema.Trim.pipe(Schema.maxLength(max))),
  }).annotations({ description: "Bulgarian and English; a language left out is shown as missing" })
/** A text in Bulgarian, English or both. */
export interface LocalizedText {
  readonly bg?: string | undefined
  readonly en?: string | undefined
}

/** The languages a text is written in (blank is not written). */
export const languagesOf = (text: LocalizedText | undefined): ReadonlyArray<ContentLanguage> =>
  contentLanguages.filter((l) => (text?.[l] ?? "").trim() !== "")

/** A text with its blank languages left out, so that a blank is never stored as a translation. */
export const compactText = (text: LocalizedText): LocalizedText =>
  Object.fromEntries(languagesOf(text).map((l) => [l, text[l]!.trim()]))

/** Where a practice is described: a title and an http(s) URL, and the date of the source. */
export const PracticeSource = Schema.Struct({
  title: Schema.Trim.pipe(Schema.maxLength(500)),
  url: Schema.Trim.pipe(Schema.maxLength(2000)),
  date: Schema.optional(IsoDate),
}).annotations({ identifier: "PracticeSource" })
/** Where a practice is described. */
export type PracticeSource = typeof PracticeSource.Type

const longText = LocalizedText(20_000)

const practiceFields = {
  country: CountryCode,
  area: PracticeArea,
  level: GovernmentLevel,
  title: LocalizedText(500),
  description: longText,
  actors: Schema.optional(LocalizedText(5_000)),
  results: Schema.optional(longText),
  transferability: Schema.optional(
    longText.annotations({ description: "How the practice could be transferred to Bulgaria" }),
  ),
  sources: Schema.Array(PracticeSource).pipe(Schema.maxItems(50)),
  eventIds: Schema.Array(EventId).pipe(
    Schema.maxItems(100),
    Schema.annotations({ description: "The events where the practice was presented" }),
  ),
  presenterIds: Schema.Array(PersonId).pipe(
    Schema.maxItems(100),
    Schema.annotations({ description: "The people who presented it" }),
  ),
}

/** What a client sends to add a practice to the library. */
export class NewPractice extends Schema.Class<NewPractice>("NewPractice")(practiceFields) {}

/** A change to a practice: only the fields sent change (a text field is replaced whole). */
export class PracticePatch extends Schema.Class<PracticePatch>("PracticePatch")({
  country: Schema.optional(practiceFields.country),
  area: Schema.optional(practiceFields.area),
  level: Schema.optional(practiceFields.level),
  title: Schema.optional(practiceFields.title),
  description: Schema.optional(practiceFields.description),
  actors: practiceFields.actors,
  results: practiceFields.results,
  transferability: practiceFields.transferability,
  sources: Schema.optional(practiceFields.sources),
  eventIds: Schema.optional(practiceFields.eventIds),
  presenterIds: Schema.optional(practiceFields.presenterIds),
}) {}

/** The content of a practice, what create and update store. */
export type PracticeContent = Omit<NewPractice, never>

/** A practice as stored and answered. */
export class Practice extends Schema.Class<Practice>("Practice")({
  id: PracticeId,
  ...practiceFields,
  missingLanguages: Schema.Array(Schema.Literal(...contentLanguages)).annotations({
    description: "Languages the title or the description is not written in; shown as missing",
  }),
  version: Schema.Int.pipe(Schema.greaterThan(0)),
  createdAt: Schema.String,
  updatedAt: Schema.String,
}) {}

/** A page of practices, as `GET /v1/practices` answers it. */
export const PracticePage = Schema.Struct({
  items: Schema.Array(Practice),
  nextCursor: Schema.NullOr(Schema.String),
}).annotations({ identifier: "PracticePage" })
/** A page of practices. */
export type PracticePage = typeof PracticePage.Type

/** What a practice list is filtered by. */
export const PracticeFilter = Schema.Struct({
  q: Schema.optional(Schema.Trim.pipe(Schema.maxLength(200))),
  country: Schema.optional(CountryCode),
  area: Schema.optional(PracticeArea),
  level: Schema.optional(GovernmentLevel),
})
/** What a practice list is filtered by. */
export type PracticeFilter = typeof PracticeFilter.Type

/** No practice has the given id. */
export class PracticeNotFound extends Schema.TaggedError<PracticeNotFound>()("PracticeNotFound", {
  practiceId: Schema.String,
}) {}

/** The practice breaks a rule of the library (422); `errors` lists the failing paths. */
export class PracticeRejected extends Schema.TaggedError<PracticeRejected>()("PracticeRejected", {
  message: Schema.String,
  errors: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String })),
}) {}

/** The practice changed since the version the client read. */
export class PracticeVersionStale extends Schema.TaggedError<PracticeVersionStale>()("PracticeVersionStale", {
  practiceId: Schema.String,
  currentVersion: Schema.Int,
}) {}

const httpUrl = (url: string): boolean => {
  try {
    const parsed = new URL(url)
    return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.hostname !== ""
  } catch {
    return false
  }
}

/**
 * What the library refuses in a practice, each with its path: a country that ISO 3166-1 does
 * not assign, no title in either language, a source without a title or an http(s) URL.
 */
export const practiceProblems = (p: PracticeContent): ReadonlyArray<PathProblem> => {
  const problems: Array<PathProblem> = []
  if (!iso3166Alpha2.has(p.country))
    problems.push({ path: "country", message: `${p.country} is not an ISO 3166-1 alpha-2 country code` })
  if (languagesOf(p.title).length === 0)
    problems.push({ path: "title", message: "a practice needs a title in Bulgarian or English" })
  p.sources.forEach((s, i) => {
    if (s.title === "") problems.push({ path: `sources.${i}.title`, message: "a source needs a title" })
    if (s.url === "") problems.push({ path: `sources.${i}.url`, message: "a source needs a URL" })
    else if (!httpUrl(s.url))
      problems.push({ path: `sources.${i}.url`, message: "a source's URL must be an http or https URL" })
  })
  return problems
}

/** The content with a patch applied: a field sent replaces the stored one. */
export const applyPracticePatch = (current: PracticeContent, patch: PracticePatch): PracticeContent => {
  const sent = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
  return { ...current, ...sent } as PracticeContent
}

/** The languages a practice's title or description lacks. */
export const missingLanguages = (p: PracticeContent): ReadonlyArray<ContentLanguage> =>
  contentLanguages.filter((l) => !languagesOf(p.title).includes(l) || !languagesOf(p.description).includes(l))

const texts = (t: LocalizedText | undefined): ReadonlyArray<string> => (t ? [t.bg ?? "", t.en ?? ""] : [])

// Word by word, so a long description is never cut at the name key's bound.
const normaliseText = (text: string): string =>
  text
    .split(/\s+/)
    .map((w) => normaliseName(w))
    .filter((w) => w !== "")
    .join(" ")

/**
 * The text a practice is found by: every text in both languages and its sources' titles, under
 * the names' normalisation (Cyrillic transliterated by the Act, accents and punctuation gone),
 * so a query reduced the same way finds Latin and Cyrillic alike.
 */
export const practiceSearchText = (p: PracticeContent): string =>
  [
    ...texts(p.title),
    ...texts(p.description),
    ...texts(p.actors),
    ...texts(p.results),
    ...texts(p.transferability),
    ...p.sources.map((s) => s.title),
  ]
    .map(normaliseText)
    .filter((t) => t !== "")
    .join(" ")

/**
 * The words of a library query, reduced like {@link practiceSearchText} and kept to letters and
 * digits, so that they are safe inside a full-text query of either database.
 */
export const practiceSearchTerms = (q: string): ReadonlyArray<string> =>
  searchTerms(q)
    .map((t) => t.replace(/[^\p{L}\p{N}]/gu, ""))
    .filter((t) => t !== "")
