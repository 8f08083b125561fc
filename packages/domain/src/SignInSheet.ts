/**
 * Sign-in sheets: the rules a sheet of attendees must satisfy before anything from it is
 * stored, and the plan of what importing it changes.
 *
 * A sheet is all or nothing: every error of every row is collected and reported with the row
 * number a person sees in a spreadsheet (the header is row 1), so staff fix the sheet once.
 * Importing is idempotent: the plan of a sheet already imported changes nothing.
 * @module
 */
import { Either, Schema } from "effect"
import { IsoDate } from "./CalendarDate.js"
import { eventDays as daysOf, isEventDay } from "./Event.js"
import { ParticipationRole } from "./Participation.js"
import { Email, Gender, personKeys } from "./Person.js"
import { type MatchCandidate, matchPerson } from "./PersonMatch.js"
import { fullNameKey, normaliseEmail, normaliseName } from "./PersonName.js"
import { textRefusal } from "./Text.js"

/** One thing wrong with a sheet. `row` 0 means the file as a whole; the header is row 1. */
export class SheetError extends Schema.Class<SheetError>("SheetError")({
  row: Schema.Int.pipe(Schema.greaterThanOrEqualTo(0)),
  column: Schema.String,
  message: Schema.String,
}) {}

/** A sheet refused as a whole, with every error found in it; nothing from it is stored. */
export class SignInSheetRejected extends Schema.TaggedError<SignInSheetRejected>()("SignInSheetRejected", {
  errors: Schema.Array(SheetError),
  message: Schema.String,
}) {}

/** The rejection of a sheet for the given errors, with a one-line summary. */
export const rejectSheet = (errors: ReadonlyArray<SheetError>): SignInSheetRejected =>
  new SignInSheetRejected({
    errors,
    message:
      errors.length === 1
        ? `The sheet has an error; nothing from it was stored: ${errors[0]!.message}`
        : `The sheet has ${errors.length} errors; nothing from it was stored.`,
  })

/** A file-level error (row 0), for a body that is not a sheet at all. */
export const fileError = (message: string): SheetError => new SheetError({ row: 0, column: "", message })

// ---------------------------------------------------------------------------------------------
// The header

/** The columns of a sign-in sheet, in the order the template lists them. */
export const sheetColumns = [
  "given_name",
  "family_name",
  "email",
  "gender",
  "institution_id",
  "institution_name",
  "role",
  "days",
] as const
/** A column of a sign-in sheet. */
export type SheetColumn = (typeof sheetColumns)[number]

/** Where each column is in the sheet. */
export type ColumnIndex = { readonly [C in SheetColumn]: number }

/** A header cell as a column name: case, surrounding space and inner spaces or hyphens do not matter. */
export const columnName = (cell: string): string =>
  cell
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_")

const isColumn = (name: string): name is SheetColumn => (sheetColumns as ReadonlyArray<string>).includes(name)

/**
 * Finds every column in the header row. The order is free; every column must be there
 * exactly once, and nothing else (blank header cells, as Excel leaves them, are ignored).
 */
export const readHeader = (
  header: ReadonlyArray<string>,
): Either.Either<ColumnIndex, ReadonlyArray<SheetError>> => {
  const found = new Map<SheetColumn, number>()
  const errors: Array<SheetError> = []
  header.forEach((cell, i) => {
    const name = columnName(cell)
    if (name === "") return
    if (!isColumn(name)) {
      errors.push(
        new SheetError({
          row: 1,
          column: cell.trim(),
          message: `Unknown column "${cell.trim()}"; the columns are ${sheetColumns.join(", ")}.`,
        }),
      )
    } else if (found.has(name)) {
      errors.push(new SheetError({ row: 1, column: name, message: `The column ${name} appears twice.` }))
    } else {
      found.set(name, i)
    }
  })
  for (const column of sheetColumns)
    if (!found.has(column))
      errors.push(new SheetError({ row: 1, column, message: `The column ${column} is missing.` }))
  if (errors.length > 0) return Either.left(errors)
  return Either.right(Object.fromEntries(found) as ColumnIndex)
}

// ---------------------------------------------------------------------------------------------
// Rows

/** One valid row of a sheet, with its spreadsheet row number. */
export class SheetRow extends Schema.Class<SheetRow>("SheetRow")({
  row: Schema.Int,
  givenName: Schema.String,
  familyName: Schema.String,
  /** The normalised full name ({@link fullNameKey}), worked out once per row. */
  nameKey: Schema.String,
  /** Trimmed and lower-cased; absent when the cell is blank. */
  email: Schema.optional(Schema.String),
  gender: Schema.optional(Gender),
  institutionId: Schema.String,
  /** Absent when the cell is blank. */
  role: Schema.optional(ParticipationRole),
  /** The attended days, sorted, without repeats. */
  days: Schema.Array(IsoDate),
}) {}

/** An institution a sheet may name, by id or by name. */
export interface SheetInstitution {
  readonly id: string
  readonly name: string
}

/** The event a sheet records attendance of. */
export interface SheetEvent {
  readonly startDate: IsoDate
  readonly endDate: IsoDate
}

/** What a sheet's rows are checked against. */
export interface SheetContext {
  readonly event: SheetEvent
  /** At least every institution the sheet names by id or by name; more does no harm. */
  readonly institutions: ReadonlyArray<SheetInstitution>
}

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/
const isIsoDate = Schema.is(IsoDate)
const isEmail = Schema.is(Email)

/** The ids and normalised names of the institutions a sheet refers to, for the store to look up. */
export const institutionReferences = (table: {
  readonly header: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<string>>
}): { readonly ids: ReadonlyArray<string>; readonly names: ReadonlyArray<string> } => {
  const header = readHeader(table.header)
  if (Either.isLeft(header)) return { ids: [], names: [] }
  const ids = new Set<string>()
  const names = new Set<string>()
  for (const cells of table.rows) {
    const id = (cells[header.right.institution_id] ?? "").trim()
    const name = (cells[header.right.institution_name] ?? "").trim()
    if (id) ids.add(id)
    if (name) names.add(normaliseName(name))
  }
  return { ids: [...ids], names: [...names] }
}

interface RowCheck {
  readonly errors: Array<SheetError>
  readonly row: number
}

const error = (check: RowCheck, column: SheetColumn | string, message: string) => {
  check.errors.push(new SheetError({ row: check.row, column, message }))
  return undefined
}

const readDays = (
  check: RowCheck,
  cell: string,
  event: SheetEvent,
  allDays: ReadonlyArray<IsoDate>,
): ReadonlyArray<IsoDate> | undefined => {
  const text = cell.trim()
  if (text === "")
    return error(check, "days", 'Write the days attended: "all" or dates YYYY-MM-DD joined by ";".')
  if (text.toLowerCase() === "all") return allDays
  const days = new Set<IsoDate>()
  for (const part of text.split(";").map((p) => p.trim())) {
    if (part === "") continue
    if (!isoDatePattern.test(part) || !isIsoDate(part)) {
      error(check, "days", `"${part}" is not a date written YYYY-MM-DD.`)
    } else if (!isEventDay(event, part)) {
      error(
        check,
        "days",
        `${part} is not a day of the event (${event.startDate}${event.endDate === event.startDate ? "" : ` to ${event.endDate}`}).`,
      )
    } else {
      days.add(part)
    }
  }
  if (days.size === 0 && !check.errors.some((e) => e.row === check.row && e.column === "days"))
    error(check, "days", 'Write the days attended: "all" or dates YYYY-MM-DD joined by ";".')
  return [...days].sort()
}

const readInstitution = (
  check: RowCheck,
  idCell: string,
  nameCell: string,
  byId: ReadonlyMap<string, SheetInstitution>,
  byName: ReadonlyMap<string, ReadonlyArray<SheetInstitution>>,
): string | undefined => {
  const id = idCell.trim()
  const name = nameCell.trim()
  if (id) {
    const institution = byId.get(id)
    if (!institution) return error(check, "institution_id", `No institution has the id "${id}".`)
    if (name && normaliseName(name) !== normaliseName(institution.name))
      return error(
        check,
        "institution_name",
        `"${name}" is not the name of institution ${id} ("${institution.name}").`,
      )
    return institution.id
  }
  if (!name)
    return error(check, "institution_id", "Name the institution: institution_id or institution_name.")
  const named = byName.get(normaliseName(name)) ?? []
  if (named.length === 0) return error(check, "institution_name", `No institution is called "${name}".`)
  if (named.length > 1)
    return error(
      check,
      "institution_name",
      `${named.length} institutions are called "${name}"; use institution_id.`,
    )
  return named[0]!.id
}

const readLiteral = <A extends string>(
  check: RowCheck,
  column: SheetColumn,
  cell: string,
  values: ReadonlyArray<A>,
): A | undefined => {
  const text = cell.trim().toLowerCase()
  if (text === "") return undefined
  if ((values as ReadonlyArray<string>).includes(text)) return text as A
  return error(check, column, `"${cell.trim()}" is not one of ${values.join(", ")}.`)
}

const isBlank = (cells: ReadonlyArray<string>) => cells.every((c) => c.trim() === "")

/** The key two rows share when they name the same person: the email, else name and institution. */
const sameRowKeys = (row: SheetRow): ReadonlyArray<string> => [
  ...(row.email ? [`email:${row.email}`] : []),
  `name:${row.nameKey}|${row.institutionId}`,
]

/**
 * Checks every row of a sheet and reads the valid ones. Blank rows are skipped; any error
 * anywhere makes the whole sheet fail, with every error listed.
 */
export const readRows = (
  table: { readonly header: ReadonlyArray<string>; readonly rows: ReadonlyArray<ReadonlyArray<string>> },
  context: SheetContext,
): Either.Either<ReadonlyArray<SheetRow>, ReadonlyArray<SheetError>> => {
  const header = readHeader(table.header)
  if (Either.isLeft(header)) return Either.left(header.left)
  const at = header.right
  const byId = new Map(context.institutions.map((i) => [i.id, i]))
  const byName = new Map<string, Array<SheetInstitution>>()
  for (const i of context.institutions) {
    const key = normaliseName(i.name)
    byName.set(key, [...(byName.get(key) ?? []), i])
  }
  const allDays = daysOf(context.event)
  const extraColumns = new Set(table.header.flatMap((cell, i) => (columnName(cell) === "" ? [i] : [])))
  const errors: Array<SheetError> = []
  const rows: Array<SheetRow> = []
  const firstRowOf = new Map<string, number>()

  table.rows.forEach((cells, i) => {
    if (isBlank(cells)) return
    const check: RowCheck = { errors, row: i + 2 }
    const cell = (column: SheetColumn) => cells[at[column]] ?? ""
    const before = errors.length
    cells.forEach((value, col) => {
      const refusal = textRefusal(value)
      if (refusal) error(check, table.header[col]?.trim() || `column ${col + 1}`, `The cell ${refusal}.`)
    })
    cells.forEach((value, col) => {
      if ((col >= table.header.length || extraColumns.has(col)) && value.trim() !== "")
        error(check, `column ${col + 1}`, `"${value.trim()}" is in a column without a header.`)
    })
    const givenName = cell("given_name").trim()
    const familyName = cell("family_name").trim()
    if (!givenName) error(check, "given_name", "The given name is required.")
    if (!familyName) error(check, "family_name", "The family name is required.")
    const emailText = normaliseEmail(cell("email"))
    if (emailText && !isEmail(emailText))
      error(check, "email", `"${cell("email").trim()}" is not an email address.`)
    const gender = readLiteral(check, "gender", cell("gender"), Gender.literals)
    const role = readLiteral(check, "role", cell("role"), ParticipationRole.literals)
    const institutionId = readInstitution(
      check,
      cell("institution_id"),
      cell("institution_name"),
      byId,
      byName,
    )
    const days = readDays(check, cell("days"), context.event, allDays)
    if (errors.length > before || institutionId === undefined || days === undefined) return

    // Every field was checked above: skip the schema's second look (it is most of the cost of a large sheet).
    const row = new SheetRow(
      {
        row: check.row,
        givenName,
        familyName,
        nameKey: fullNameKey(givenName, familyName),
        ...(emailText ? { email: emailText } : {}),
        ...(gender ? { gender } : {}),
        institutionId,
        ...(role ? { role } : {}),
        days,
      },
      true,
    )
    const keys = sameRowKeys(row)
    const earlier = keys.map((k) => firstRowOf.get(k)).find((r) => r !== undefined)
    if (earlier !== undefined) {
      error(
        check,
        keys[0]!.startsWith("email:") && firstRowOf.get(keys[0]!) !== undefined ? "email" : "given_name",
        `The same person as row ${earlier}; list each person once.`,
      )
      return
    }
    for (const k of keys) firstRowOf.set(k, check.row)
    rows.push(row)
  })

  if (errors.length > 0) return Either.left(errors)
  if (rows.length === 0)
    return Either.left([new SheetError({ row: 2, column: "", message: "The sheet has no rows." })])
  return Either.right(rows)
}

// ---------------------------------------------------------------------------------------------
// The plan of an import

/** A person on file who may be someone on the sheet (surviving records only, not merged ones). */
export interface KnownPerson {
  readonly id: string
  readonly givenName: string
  readonly familyName: string
  readonly email?: string | undefined
  readonly gender?: Gender | undefined
  readonly institutionId: string
}

/** A participation on file in the sheet's event. */
export interface KnownParticipation {
  readonly personId: string
  readonly institutionId: string
  readonly role: ParticipationRole
  readonly days: ReadonlyArray<IsoDate>
}

/** What the store found that a sheet may touch. */
export interface KnownRecords {
  /** At least every person sharing an email or a name key with a row ({@link candidateKeys}). */
  readonly people: ReadonlyArray<KnownPerson>
  /** The event's participations of those people. */
  readonly participations: ReadonlyArray<KnownParticipation>
}

/** The email and name keys of a sheet's rows: the store fetches the people who have any of them. */
export const candidateKeys = (
  rows: ReadonlyArray<SheetRow>,
): { readonly emailKeys: ReadonlyArray<string>; readonly nameKeys: ReadonlyArray<string> } => ({
  emailKeys: [...new Set(rows.flatMap((r) => (r.email ? [r.email] : [])))],
  nameKeys: [...new Set(rows.map((r) => r.nameKey))],
})

/** A person the import creates. */
export interface PersonToCreate {
  readonly row: number
  readonly id: string
  readonly givenName: string
  readonly familyName: string
  readonly email?: string | undefined
  readonly gender?: Gender | undefined
  readonly institutionId: string
}

/** What the import changes on a person on file: only the fields named, never to blank. */
export interface PersonChange {
  readonly row: number
  readonly id: string
  readonly email?: string | undefined
  readonly gender?: Gender | undefined
}

/** A participation as the import writes it (created or replaced). */
export interface ParticipationWrite {
  readonly row: number
  readonly personId: string
  readonly institutionId: string
  readonly role: ParticipationRole
  readonly days: ReadonlyArray<IsoDate>
}

/** What happened to the person of one row. */
export interface RowOutcome {
  readonly row: number
  readonly personId: string
  readonly outcome: "created" | "matched"
  readonly matchedBy?: "email" | "name_and_institution" | undefined
  readonly givenName: string
  readonly familyName: string
  readonly institutionId: string
}

/** A person the import creates who has the name of someone at another institution. */
export interface PlannedPossibleDuplicate {
  readonly row: number
  readonly personId: string
  readonly givenName: string
  readonly familyName: string
  readonly institutionId: string
  readonly candidates: ReadonlyArray<{
    readonly personId: string
    readonly givenName: string
    readonly familyName: string
    readonly institutionId: string
  }>
}

/** Everything importing a sheet changes, worked out before anything is stored. */
export interface ImportPlan {
  readonly rows: number
  readonly outcomes: ReadonlyArray<RowOutcome>
  readonly createPeople: ReadonlyArray<PersonToCreate>
  readonly updatePeople: ReadonlyArray<PersonChange>
  readonly possibleDuplicates: ReadonlyArray<PlannedPossibleDuplicate>
  readonly createParticipations: ReadonlyArray<ParticipationWrite>
  readonly updateParticipations: ReadonlyArray<ParticipationWrite>
  readonly unchangedParticipations: number
}

const sameDays = (a: ReadonlyArray<IsoDate>, b: ReadonlyArray<IsoDate>) =>
  a.length === b.length && a.every((d, i) => d === b[i])

const mergeDays = (a: ReadonlyArray<IsoDate>, b: ReadonlyArray<IsoDate>): ReadonlyArray<IsoDate> =>
  [...new Set([...a, ...b])].sort()

const changeOf = (row: SheetRow, person: KnownPerson): PersonChange | undefined => {
  // A blank cell never overwrites what is on file; a filled one brings the record up to date.
  const email = row.email !== undefined && row.email !== normaliseEmail(person.email) ? row.email : undefined
  const gender = row.gender !== undefined && row.gender !== person.gender ? row.gender : undefined
  if (email === undefined && gender === undefined) return undefined
  return {
    row: row.row,
    id: person.id,
    ...(email !== undefined ? { email } : {}),
    ...(gender !== undefined ? { gender } : {}),
  }
}

const participationOf = (
  row: SheetRow,
  personId: string,
  onFile: KnownParticipation | undefined,
): { readonly write: ParticipationWrite; readonly changed: boolean } => {
  const write: ParticipationWrite = {
    row: row.row,
    personId,
    institutionId: row.institutionId,
    role: row.role ?? onFile?.role ?? "participant",
    // Sheets of a multi-day event may arrive one day at a time: days already on file stay.
    days: mergeDays(onFile?.days ?? [], row.days),
  }
  const changed =
    onFile === undefined ||
    onFile.institutionId !== write.institutionId ||
    onFile.role !== write.role ||
    !sameDays([...onFile.days].sort(), write.days)
  return { write, changed }
}

/**
 * People on file and people created so far, indexed by email and name key, so each row is
 * matched against the few records sharing a key rather than the whole sheet (which would
 * make a 10,000-row sheet quadratic).
 */
class CandidatePool {
  private readonly byEmail = new Map<string, Array<MatchCandidate>>()
  private readonly byName = new Map<string, Array<MatchCandidate>>()

  add(candidate: MatchCandidate) {
    const put = (index: Map<string, Array<MatchCandidate>>, key: string) => {
      const list = index.get(key)
      if (list) list.push(candidate)
      else index.set(key, [candidate])
    }
    if (candidate.emailKey !== undefined) put(this.byEmail, candidate.emailKey)
    put(this.byName, candidate.nameKey)
  }

  /** Every candidate with the person's email or name key: what `matchPerson` needs to see. */
  sharingKeysWith(row: SheetRow) {
    const nameKey = row.nameKey
    const emailKey = row.email
    const byName = this.byName.get(nameKey) ?? []
    const byEmail = emailKey === undefined ? [] : (this.byEmail.get(emailKey) ?? [])
    return byEmail.length === 0 ? byName : [...new Set([...byEmail, ...byName])]
  }
}

/**
 * The plan of importing valid rows, given the records on file. `newPersonIds` holds one id
 * per row, in row order: the id the row's person gets if the import creates them (ids of rows
 * that match someone go unused). Fails when two rows turn out to be one person on file.
 */
export const planImport = (
  rows: ReadonlyArray<SheetRow>,
  known: KnownRecords,
  newPersonIds: ReadonlyArray<string>,
): Either.Either<ImportPlan, ReadonlyArray<SheetError>> => {
  const people = new Map<string, KnownPerson>(known.people.map((p) => [p.id, p]))
  const pool = new CandidatePool()
  for (const p of known.people) pool.add({ id: p.id, ...personKeys(p), institutionId: p.institutionId })
  const participations = new Map(known.participations.map((p) => [p.personId, p]))
  const rowOfPerson = new Map<string, number>()
  const errors: Array<SheetError> = []
  const outcomes: Array<RowOutcome> = []
  const createPeople: Array<PersonToCreate> = []
  const updatePeople: Array<PersonChange> = []
  const possibleDuplicates: Array<PlannedPossibleDuplicate> = []
  const createParticipations: Array<ParticipationWrite> = []
  const updateParticipations: Array<ParticipationWrite> = []
  let unchangedParticipations = 0

  rows.forEach((row, index) => {
    const match = matchPerson(row, pool.sharingKeysWith(row))
    let personId: string
    if (match._tag === "New") {
      personId = newPersonIds[index] ?? ""
      if (personId === "") throw new Error("planImport: one new person id per row is required")
      const person: PersonToCreate = {
        row: row.row,
        id: personId,
        givenName: row.givenName,
        familyName: row.familyName,
        ...(row.email !== undefined ? { email: row.email } : {}),
        ...(row.gender !== undefined ? { gender: row.gender } : {}),
        institutionId: row.institutionId,
      }
      createPeople.push(person)
      if (match.possibleDuplicates.length > 0)
        possibleDuplicates.push({
          row: row.row,
          personId,
          givenName: row.givenName,
          familyName: row.familyName,
          institutionId: row.institutionId,
          candidates: match.possibleDuplicates.map((id) => {
            const c = people.get(id)!
            return {
              personId: id,
              givenName: c.givenName,
              familyName: c.familyName,
              institutionId: c.institutionId,
            }
          }),
        })
      people.set(personId, person)
      pool.add({
        id: personId,
        nameKey: row.nameKey,
        emailKey: row.email,
        institutionId: person.institutionId,
      })
      outcomes.push({ ...outcomeOf(row, personId), outcome: "created" })
    } else {
      personId = match.personId
      const earlier = rowOfPerson.get(personId)
      if (earlier !== undefined) {
        errors.push(
          new SheetError({
            row: row.row,
            column: match._tag === "SameEmail" ? "email" : "given_name",
            message: `The same person as row ${earlier} (on file as ${personId}); list each person once.`,
          }),
        )
        return
      }
      const change = changeOf(row, people.get(personId)!)
      if (change) updatePeople.push(change)
      outcomes.push({
        ...outcomeOf(row, personId),
        outcome: "matched",
        matchedBy: match._tag === "SameEmail" ? "email" : "name_and_institution",
      })
    }
    rowOfPerson.set(personId, row.row)
    const { write, changed } = participationOf(row, personId, participations.get(personId))
    if (!changed) unchangedParticipations++
    else if (participations.has(personId)) updateParticipations.push(write)
    else createParticipations.push(write)
  })

  if (errors.length > 0) return Either.left(errors)
  return Either.right({
    rows: rows.length,
    outcomes,
    createPeople,
    updatePeople,
    possibleDuplicates,
    createParticipations,
    updateParticipations,
    unchangedParticipations,
  })
}

const outcomeOf = (row: SheetRow, personId: string) => ({
  row: row.row,
  personId,
  givenName: row.givenName,
  familyName: row.familyName,
  institutionId: row.institutionId,
})

// ---------------------------------------------------------------------------------------------
// The answer

const PersonRef = Schema.Struct({
  personId: Schema.String,
  givenName: Schema.String,
  familyName: Schema.String,
  institutionId: Schema.String,
})

/** A new person with the name of someone at another institution: to confirm and merge, or not. */
export const SheetPossibleDuplicate = Schema.Struct({
  row: Schema.Int,
  personId: Schema.optional(Schema.String).annotations({ description: "Absent in a dry run" }),
  givenName: Schema.String,
  familyName: Schema.String,
  institutionId: Schema.String,
  candidates: Schema.Array(PersonRef),
}).annotations({ identifier: "SheetPossibleDuplicate" })

/** What happened, or would happen, to the person of one row. */
export const SheetRowOutcome = Schema.Struct({
  row: Schema.Int,
  outcome: Schema.Literal("created", "matched"),
  personId: Schema.optional(Schema.String).annotations({
    description: "Absent for a new person in a dry run",
  }),
  matchedBy: Schema.optional(Schema.Literal("email", "name_and_institution")),
  givenName: Schema.String,
  familyName: Schema.String,
  institutionId: Schema.String,
}).annotations({ identifier: "SheetRowOutcome" })

/** The answer to a sign-in sheet import, or to its dry run (the preview). */
export const SignInSheetResult = Schema.Struct({
  dryRun: Schema.Boolean,
  rows: Schema.Int,
  peopleCreated: Schema.Int,
  peopleMatched: Schema.Int,
  possibleDuplicates: Schema.Array(SheetPossibleDuplicate),
  participations: Schema.Struct({ created: Schema.Int, updated: Schema.Int, unchanged: Schema.Int }),
  people: Schema.Array(SheetRowOutcome),
}).annotations({ identifier: "SignInSheetResult" })
/** The answer to a sign-in sheet import. */
export type SignInSheetResult = typeof SignInSheetResult.Type

/** The answer for a plan; a dry run leaves out the ids of people it did not create. */
export const summarisePlan = (plan: ImportPlan, dryRun: boolean): SignInSheetResult => {
  const created = new Set(plan.createPeople.map((p) => p.id))
  const idOf = (personId: string) => (dryRun && created.has(personId) ? {} : { personId })
  return {
    dryRun,
    rows: plan.rows,
    peopleCreated: plan.createPeople.length,
    peopleMatched: plan.outcomes.filter((o) => o.outcome === "matched").length,
    possibleDuplicates: plan.possibleDuplicates.map(({ personId, ...rest }) => ({
      ...rest,
      ...idOf(personId),
    })),
    participations: {
      created: plan.createParticipations.length,
      updated: plan.updateParticipations.length,
      unchanged: plan.unchangedParticipations,
    },
    people: plan.outcomes.map(({ personId, matchedBy, ...rest }) => ({
      ...rest,
      ...idOf(personId),
      ...(matchedBy ? { matchedBy } : {}),
    })),
  }
}
