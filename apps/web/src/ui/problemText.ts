/**
 * A problem document in the chosen language: the code decides the message (falling back to the
 * status), and every failing field or sheet cell gets its field's name and a translated message.
 * Pure, so the translations can be tested without a browser.
 */
import type { Extensions, ProblemTexts } from "../i18n/problems.js"

/** One failing place, as the API or a form's schema reports it. */
export interface Failure {
  readonly path?: string | undefined
  readonly row?: number | undefined
  readonly column?: string | undefined
  readonly message: string
}

/** What to show for a failure: where (already in words) and what. */
export interface FailureText {
  readonly where: string | undefined
  readonly message: string
}

/** The name of the field a dotted path points at (`targets.0.value` → "value"). */
export const fieldLabel = (path: string, texts: ProblemTexts): string => {
  const segments = path.split(".").filter((p) => p !== "" && !/^\d+$/.test(p))
  const last = segments.at(-1) ?? path
  return texts.fields[last] ?? last
}

type Rule = readonly [RegExp, (m: RegExpExecArray, t: ProblemTexts) => string]

const label = (t: ProblemTexts) => (name: string | undefined) => fieldLabel(name ?? "", t)

// The English sentences the domain and Effect Schema write, matched to a text per language.
const rules: ReadonlyArray<Rule> = [
  [/^(\w+) is before (\w+)$/, (m, t) => t.message.before(label(t)(m[1]), label(t)(m[2]))],
  [/^(\w+) is required for this kind$/, (m, t) => `${label(t)(m[1])} ${t.message.requiredForKind}`],
  [
    /^(\w+) is outside the project period (\S+) – (\S+)$/,
    (m, t) => `${label(t)(m[1])} ${t.message.outsidePeriod(m[2] ?? "", m[3] ?? "")}`,
  ],
  [/^is missing$/, (_, t) => t.message.missing],
  [/at least (\d+) character/, (m, t) => t.message.tooShort(m[1] ?? "")],
  [/at most (\d+) character/, (m, t) => t.message.tooLong(m[1] ?? "")],
  [/^Expected an integer/, (_, t) => t.message.notInteger],
  [/greater than or equal to (-?[\d.]+)/, (m, t) => t.message.tooSmall(m[1] ?? "")],
  [/less than or equal to (-?[\d.]+)/, (m, t) => t.message.tooLarge(m[1] ?? "")],
  [/an event lasts at most (\d+) days/, (m, t) => t.message.eventTooLong(m[1] ?? "")],
  [/^the birth date is after today \((.+)\)$/, (m, t) => t.message.birthAfterToday(m[1] ?? "")],
  [/^Write the days attended/, (_, t) => t.message.daysHelp],
  [/^(\S+) is not a day of the event \((.+)\)\.$/, (m, t) => t.message.notADay(m[1] ?? "", m[2] ?? "")],
  [/^No institution has the id "(.*)"\.$/, (m, t) => t.message.noInstitutionId(m[1] ?? "")],
  [
    /^"(.*)" is not the name of institution (\S+) /,
    (m, t) => t.message.nameNotOfInstitution(m[1] ?? "", m[2] ?? ""),
  ],
  [/^Name the institution/, (_, t) => t.message.nameTheInstitution],
  [/^No institution is called "(.*)"\.$/, (m, t) => t.message.noInstitutionNamed(m[1] ?? "")],
  [
    /^(\d+) institutions are called "(.*)"; use institution_id\.$/,
    (m, t) => t.message.manyInstitutionsNamed(m[1] ?? "", m[2] ?? ""),
  ],
  [/^"(.*)" is in a column without a header\.$/, (m, t) => t.message.noHeader(m[1] ?? "")],
  [/^The same person as row (\d+)/, (m, t) => t.message.samePerson(m[1] ?? "")],
  [/^The sheet has no rows\.$/, (_, t) => t.message.noRows],
  [/^This is one of the template's example rows/, (_, t) => t.message.exampleRow],
  [
    /^Unknown column "(.*)"; the columns are (.+)\.$/,
    (m, t) => t.message.unknownColumn(m[1] ?? "", m[2] ?? ""),
  ],
  [/^The column (\S+) appears twice\.$/, (m, t) => t.message.columnTwice(m[1] ?? "")],
  [/^The column (\S+) is missing\.$/, (m, t) => t.message.columnMissing(m[1] ?? "")],
  [/^The (given|family) name is required\.$/, (m, t) => `${label(t)(`${m[1]}_name`)} ${t.message.required}`],
  [/is not an email address|an email address such as/, (_, t) => t.message.notEmail],
  [/a date written YYYY-MM-DD/, (_, t) => t.message.notDate],
  [/^"(.*)" is not one of (.+)\.$/, (m, t) => t.message.notOneOf(m[1] ?? "", m[2] ?? "")],
  [/^The body is empty/, (_, t) => t.message.emptyBody],
  [/^The file is .+, not a sheet\./, (_, t) => t.message.notASheet],
  [/^The CSV could not be read/, (_, t) => t.message.badCsv],
  [/XLSX workbook/, (_, t) => t.message.badXlsx],
  [/^The cell (.+)\.$/, (m, t) => t.message.cellRefused(m[1] ?? "")],
]

/** A failing field's or cell's message in the chosen language; the API's own words when unknown. */
export const translateMessage = (message: string, texts: ProblemTexts): string => {
  for (const [pattern, text] of rules) {
    const m = pattern.exec(message)
    if (m) return text(m, texts)
  }
  return message
}

/** Whether a message has a translation (the sentences the domain and sheets write). */
export const isKnownMessage = (message: string): boolean => rules.some(([pattern]) => pattern.test(message))

/** Where a failure is, in words: a sheet's row and column, or the field a path names. */
export const failureWhere = (failure: Failure, texts: ProblemTexts): string | undefined => {
  if (failure.row !== undefined) {
    if (failure.row === 0) return texts.file
    const column = failure.column ? `, ${fieldLabel(failure.column, texts)}` : ""
    return `${texts.row(failure.row)}${column}`
  }
  return failure.path ? fieldLabel(failure.path, texts) : undefined
}

/** A failure in words. */
export const failureText = (failure: Failure, texts: ProblemTexts): FailureText => ({
  where: failureWhere(failure, texts),
  message: translateMessage(failure.message, texts),
})

/** The headline of a problem: its code's message, else the status's. */
export const problemMessage = (
  status: number,
  code: string | undefined,
  extensions: Extensions,
  texts: ProblemTexts,
  type?: string,
): string => {
  if (status === 0) return texts.network
  const byCode = code ? (texts.codes as Record<string, (x: Extensions) => string>)[code] : undefined
  if (byCode) return byCode(extensions)
  if (type === "urn:coordina:problem:validation") return texts.validation
  return texts.status[status] ?? texts.fallback
}
