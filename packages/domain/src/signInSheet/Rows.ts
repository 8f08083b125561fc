/**
 * The rows of a sheet, checked one by one: every error of every row is collected, with the row
 * number a person sees in a spreadsheet (the header is row 1).
 * @module
 */
import { Either, ParseResult, Schema } from "effect"
import { IsoDate } from "../CalendarDate.js"
import { eventDays as daysOf, isEventDay } from "../Event.js"
import { ParticipationRole } from "../Participation.js"
import { Gender, NewPerson } from "../Person.js"
import { fullNameKey, normaliseEmail, normaliseName } from "../PersonName.js"
import { textRefusal } from "../Text.js"
import { SheetError } from "./Errors.js"
import { type ColumnIndex, type SheetColumn, columnName, readHeader } from "./Header.js"
import { exampleMarker, isExampleRow } from "./Template.js"

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

/**
 * Whether the row has an error in the column already. Rows are read in order, so a row's
 * errors are the last ones: only they are looked at, and a sheet of bad rows stays linear.
 */
const hasError = (check: RowCheck, column: string): boolean => {
  for (let i = check.errors.length - 1; i >= 0 && check.errors[i]!.row === check.row; i--)
    if (check.errors[i]!.column === column) return true
  return false
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
  if (days.size === 0 && !hasError(check, "days"))
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

const personColumns: Record<string, SheetColumn> = {
  givenName: "given_name",
  familyName: "family_name",
  email: "email",
}
// Gender is read with the same literals just after; the institution is looked up by id or name.
const decodePerson = Schema.decodeUnknownEither(NewPerson.pipe(Schema.omit("institutionId", "gender")), {
  errors: "all",
})

/** Checks a row's person as `POST /v1/people` checks a new person: with the domain's `NewPerson`. */
const readPerson = (
  check: RowCheck,
  person: { givenName: string; familyName: string; email: string | undefined },
) => {
  const decoded = decodePerson({
    givenName: person.givenName,
    familyName: person.familyName,
    ...(person.email ? { email: person.email } : {}),
  })
  if (Either.isRight(decoded)) return
  const reported = new Set<string>()
  for (const issue of ParseResult.ArrayFormatter.formatErrorSync(decoded.left)) {
    const field = String(issue.path[0] ?? "")
    // A blank name is reported once, as required, above.
    if ((field === "givenName" || field === "familyName") && person[field] === "") continue
    const column = personColumns[field] ?? field
    // A cell refused already (the input gate's characters) is not refused twice.
    if (reported.has(column) || hasError(check, column)) continue
    reported.add(column)
    error(
      check,
      column,
      field === "email"
        ? `"${person.email}" is not an email address: ${issue.message}.`
        : `${column}: ${issue.message}`,
    )
  }
}

const isBlank = (cells: ReadonlyArray<string>) => cells.every((c) => c.trim() === "")

/** The key two rows share when they name the same person: the email, else name and institution. */
const sameRowKeys = (row: SheetRow): ReadonlyArray<string> => [
  ...(row.email ? [`email:${row.email}`] : []),
  `name:${row.nameKey}|${row.institutionId}`,
]

/**
 * Reads a sheet's rows a slice at a time (so a caller can pause between slices and a large
 * sheet never holds other work up for long): {@link SheetRowReader.start} with the header,
 * {@link SheetRowReader.addInstitutions} before the rows that name them, {@link SheetRowReader.read}
 * each slice in row order, then {@link SheetRowReader.result}. {@link readRows} does it all at once.
 */
export class SheetRowReader {
  private readonly byId = new Map<string, SheetInstitution>()
  private readonly byName = new Map<string, Array<SheetInstitution>>()
  private readonly allDays: ReadonlyArray<IsoDate>
  private readonly extraColumns: ReadonlySet<number>
  private readonly errors: Array<SheetError> = []
  private readonly rows: Array<SheetRow> = []
  private readonly firstRowOf = new Map<string, number>()

  private constructor(
    private readonly header: ReadonlyArray<string>,
    private readonly at: ColumnIndex,
    private readonly event: SheetEvent,
  ) {
    this.allDays = daysOf(event)
    this.extraColumns = new Set(header.flatMap((cell, i) => (columnName(cell) === "" ? [i] : [])))
  }

  /** A reader of the rows under `header`, or the header's errors. */
  static start(
    header: ReadonlyArray<string>,
    event: SheetEvent,
  ): Either.Either<SheetRowReader, ReadonlyArray<SheetError>> {
    const columns = readHeader(header)
    if (Either.isLeft(columns)) return Either.left(columns.left)
    return Either.right(new SheetRowReader(header, columns.right, event))
  }

  /** Institutions rows may name, by id or by name; more does no harm, a repeat is ignored. */
  addInstitutions(institutions: ReadonlyArray<SheetInstitution>): void {
    for (const i of institutions) {
      if (this.byId.has(i.id)) continue
      this.byId.set(i.id, i)
      const key = normaliseName(i.name)
      const named = this.byName.get(key)
      if (named) named.push(i)
      else this.byName.set(key, [i])
    }
  }

  /** Checks the next rows; `firstIndex` is the first one's index among the rows below the header. */
  read(rows: ReadonlyArray<ReadonlyArray<string>>, firstIndex: number): void {
    for (let i = 0; i < rows.length; i++) this.readRow(rows[i]!, firstIndex + i + 2)
  }

  private readRow(cells: ReadonlyArray<string>, rowNumber: number): void {
    if (isBlank(cells)) return
    const { errors, header, at } = this
    const check: RowCheck = { errors, row: rowNumber }
    const cell = (column: SheetColumn) => cells[at[column]] ?? ""
    // The template's example row is refused by name, not imported as a person nor half-checked.
    if (isExampleRow(cell("given_name"))) {
      error(
        check,
        "given_name",
        `This is one of the template's example rows (its given name begins with "${exampleMarker}"); delete it before uploading the sheet.`,
      )
      return
    }
    const before = errors.length
    cells.forEach((value, col) => {
      const refusal = textRefusal(value)
      if (refusal) error(check, header[col]?.trim() || `column ${col + 1}`, `The cell ${refusal}.`)
    })
    cells.forEach((value, col) => {
      if ((col >= header.length || this.extraColumns.has(col)) && value.trim() !== "")
        error(check, `column ${col + 1}`, `"${value.trim()}" is in a column without a header.`)
    })
    const givenName = cell("given_name").trim()
    const familyName = cell("family_name").trim()
    const emailText = normaliseEmail(cell("email"))
    if (!givenName) error(check, "given_name", "The given name is required.")
    if (!familyName) error(check, "family_name", "The family name is required.")
    readPerson(check, { givenName, familyName, email: emailText })
    const gender = readLiteral(check, "gender", cell("gender"), Gender.literals)
    const role = readLiteral(check, "role", cell("role"), ParticipationRole.literals)
    const institutionId = readInstitution(
      check,
      cell("institution_id"),
      cell("institution_name"),
      this.byId,
      this.byName,
    )
    const days = readDays(check, cell("days"), this.event, this.allDays)
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
    const earlier = keys.map((k) => this.firstRowOf.get(k)).find((r) => r !== undefined)
    if (earlier !== undefined) {
      error(
        check,
        keys[0]!.startsWith("email:") && this.firstRowOf.get(keys[0]!) !== undefined ? "email" : "given_name",
        `The same person as row ${earlier}; list each person once.`,
      )
      return
    }
    for (const k of keys) this.firstRowOf.set(k, check.row)
    this.rows.push(row)
  }

  /** The valid rows read, or every error found in them (a sheet without rows is an error). */
  result(): Either.Either<ReadonlyArray<SheetRow>, ReadonlyArray<SheetError>> {
    if (this.errors.length > 0) return Either.left(this.errors)
    if (this.rows.length === 0)
      return Either.left([new SheetError({ row: 2, column: "", message: "The sheet has no rows." })])
    return Either.right(this.rows)
  }
}

/**
 * Checks every row of a sheet and reads the valid ones. Blank rows are skipped; any error
 * anywhere makes the whole sheet fail, with every error listed.
 */
export const readRows = (
  table: { readonly header: ReadonlyArray<string>; readonly rows: ReadonlyArray<ReadonlyArray<string>> },
  context: SheetContext,
): Either.Either<ReadonlyArray<SheetRow>, ReadonlyArray<SheetError>> => {
  const reader = SheetRowReader.start(table.header, context.event)
  if (Either.isLeft(reader)) return Either.left(reader.left)
  reader.right.addInstitutions(context.institutions)
  reader.right.read(table.rows, 0)
  return reader.right.result()
}
