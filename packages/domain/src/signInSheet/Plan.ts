/**
 * The plan of an import: what importing valid rows changes, given the people and participations
 * already on file. Importing is idempotent: the plan of a sheet already imported changes nothing.
 * @module
 */
import { Either } from "effect"
import type { IsoDate } from "../CalendarDate.js"
import type { ParticipationRole } from "../Participation.js"
import { type Gender, personKeys } from "../Person.js"
import { type MatchCandidate, matchByKeys } from "../PersonMatch.js"
import { normaliseEmail } from "../PersonName.js"
import { SheetError } from "./Errors.js"
import type { SheetRow } from "./Rows.js"

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
  /** The normalised full name, as the row worked it out. */
  readonly nameKey: string
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
  /** The row's participation as the import leaves it: its role and every day attended. */
  readonly role: ParticipationRole
  readonly days: ReadonlyArray<IsoDate>
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
 * Plans an import a slice of rows at a time (so a caller can pause between slices and a large
 * sheet never holds other work up for long): {@link ImportPlanner.add} each slice in row order,
 * then {@link ImportPlanner.result}. {@link planImport} does it all at once.
 */
export class ImportPlanner {
  private readonly people = new Map<string, KnownPerson | PersonToCreate>()
  private readonly pool = new CandidatePool()
  private readonly participations: ReadonlyMap<string, KnownParticipation>
  private readonly rowOfPerson = new Map<string, number>()
  private readonly errors: Array<SheetError> = []
  private readonly outcomes: Array<RowOutcome> = []
  private readonly createPeople: Array<PersonToCreate> = []
  private readonly updatePeople: Array<PersonChange> = []
  private readonly possibleDuplicates: Array<PlannedPossibleDuplicate> = []
  private readonly createParticipations: Array<ParticipationWrite> = []
  private readonly updateParticipations: Array<ParticipationWrite> = []
  private unchangedParticipations = 0
  private rows = 0

  /** @param known what the store found that the sheet may touch. */
  constructor(known: KnownRecords) {
    for (const p of known.people) {
      this.people.set(p.id, p)
      this.pool.add({ id: p.id, ...personKeys(p), institutionId: p.institutionId })
    }
    this.participations = new Map(known.participations.map((p) => [p.personId, p]))
  }

  /**
   * Plans the next valid rows. `newPersonIds` holds one id per row, in row order: the id the
   * row's person gets if the import creates them (ids of rows that match someone go unused).
   */
  add(rows: ReadonlyArray<SheetRow>, newPersonIds: ReadonlyArray<string>): void {
    for (let i = 0; i < rows.length; i++) this.plan(rows[i]!, newPersonIds[i] ?? "")
  }

  private plan(row: SheetRow, newPersonId: string): void {
    this.rows++
    const match = matchByKeys(
      { nameKey: row.nameKey, emailKey: row.email, institutionId: row.institutionId },
      this.pool.sharingKeysWith(row),
    )
    let personId: string
    if (match._tag === "New") {
      personId = newPersonId
      if (personId === "") throw new Error("planImport: one new person id per row is required")
      const person: PersonToCreate = {
        row: row.row,
        id: personId,
        givenName: row.givenName,
        familyName: row.familyName,
        nameKey: row.nameKey,
        ...(row.email !== undefined ? { email: row.email } : {}),
        ...(row.gender !== undefined ? { gender: row.gender } : {}),
        institutionId: row.institutionId,
      }
      this.createPeople.push(person)
      if (match.possibleDuplicates.length > 0)
        this.possibleDuplicates.push({
          row: row.row,
          personId,
          givenName: row.givenName,
          familyName: row.familyName,
          institutionId: row.institutionId,
          candidates: match.possibleDuplicates.map((id) => {
            const c = this.people.get(id)!
            return {
              personId: id,
              givenName: c.givenName,
              familyName: c.familyName,
              institutionId: c.institutionId,
            }
          }),
        })
      this.people.set(personId, person)
      this.pool.add({
        id: personId,
        nameKey: row.nameKey,
        emailKey: row.email,
        institutionId: person.institutionId,
      })
      this.planParticipation(row, personId, "created", undefined)
    } else {
      personId = match.personId
      const earlier = this.rowOfPerson.get(personId)
      if (earlier !== undefined) {
        this.errors.push(
          new SheetError({
            row: row.row,
            column: match._tag === "SameEmail" ? "email" : "given_name",
            message: `The same person as row ${earlier} (on file as ${personId}); list each person once.`,
          }),
        )
        return
      }
      const change = changeOf(row, this.people.get(personId)!)
      if (change) this.updatePeople.push(change)
      this.planParticipation(
        row,
        personId,
        "matched",
        match._tag === "SameEmail" ? "email" : "name_and_institution",
      )
    }
  }

  private planParticipation(
    row: SheetRow,
    personId: string,
    outcome: RowOutcome["outcome"],
    matchedBy: RowOutcome["matchedBy"],
  ): void {
    this.rowOfPerson.set(personId, row.row)
    const onFile = this.participations.get(personId)
    const { write, changed } = participationOf(row, personId, onFile)
    if (!changed) this.unchangedParticipations++
    else if (onFile !== undefined) this.updateParticipations.push(write)
    else this.createParticipations.push(write)
    this.outcomes.push(outcomeOf(row, personId, outcome, matchedBy, write))
  }

  /** The plan of every row added, or why it cannot be imported (two rows are one person on file). */
  result(): Either.Either<ImportPlan, ReadonlyArray<SheetError>> {
    if (this.errors.length > 0) return Either.left(this.errors)
    return Either.right({
      rows: this.rows,
      outcomes: this.outcomes,
      createPeople: this.createPeople,
      updatePeople: this.updatePeople,
      possibleDuplicates: this.possibleDuplicates,
      createParticipations: this.createParticipations,
      updateParticipations: this.updateParticipations,
      unchangedParticipations: this.unchangedParticipations,
    })
  }
}

/**
 * The plan of importing valid rows, given the records on file. `newPersonIds` holds one id per
 * row, in row order: the id the row's person gets if the import creates them (ids of rows
 * that match someone go unused). Fails when two rows turn out to be one person on file.
 */
export const planImport = (
  rows: ReadonlyArray<SheetRow>,
  known: KnownRecords,
  newPersonIds: ReadonlyArray<string>,
): Either.Either<ImportPlan, ReadonlyArray<SheetError>> => {
  const planner = new ImportPlanner(known)
  planner.add(rows, newPersonIds)
  return planner.result()
}

const outcomeOf = (
  row: SheetRow,
  personId: string,
  outcome: RowOutcome["outcome"],
  matchedBy: RowOutcome["matchedBy"],
  participation: ParticipationWrite,
): RowOutcome => ({
  row: row.row,
  personId,
  outcome,
  matchedBy,
  givenName: row.givenName,
  familyName: row.familyName,
  institutionId: row.institutionId,
  role: participation.role,
  days: participation.days,
})
