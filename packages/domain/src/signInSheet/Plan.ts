/**
 * The plan of an import: what importing valid rows changes, given the people and participations
 * already on file. Importing is idempotent: the plan of a sheet already imported changes nothing.
 * @module
 */
import { Either } from "effect"
import type { IsoDate } from "../CalendarDate.js"
import type { ParticipationRole } from "../Participation.js"
import { type Gender, personKeys } from "../Person.js"
import { type MatchCandidate, matchPerson } from "../PersonMatch.js"
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
