/**
 * The reach rules over whole records held in memory: how a project's records become the rows
 * {@link ReachAccumulator} reads. This is the reference the store's streaming path is tested
 * against, and what small callers (tests, previews) use directly.
 * @module
 */
import type { IsoDate } from "../CalendarDate.js"
import type { CountMethod } from "../Dissemination.js"
import type { EventKind } from "../Event.js"
import type { InstitutionFacts } from "../Institution.js"
import type { ParticipationRole } from "../Participation.js"
import { type Gender, survivorOf } from "../Person.js"
import { ReachAccumulator, type ReachResult } from "./Accumulator.js"
import type { DisseminationRow, NamedPersonRow, ParticipationRow, ReachProject } from "./Rows.js"
import { ReachTimeline } from "./Timeline.js"

/** Every record reach reads, as plain data. */
export interface ReachRecords {
  readonly institutions: ReadonlyArray<InstitutionFacts>
  readonly people: ReadonlyArray<{
    readonly id: string
    readonly gender?: Gender | undefined
    readonly institutionId: string
    readonly mergedInto?: string | undefined
  }>
  readonly events: ReadonlyArray<{
    readonly id: string
    readonly projectId: string
    readonly kind: EventKind
    readonly startDate: IsoDate
    readonly endDate: IsoDate
  }>
  readonly participations: ReadonlyArray<{
    readonly eventId: string
    readonly personId: string
    readonly role: ParticipationRole
    readonly institutionId: string
    readonly attendedDays: ReadonlyArray<IsoDate>
  }>
  readonly activities: ReadonlyArray<{
    readonly id: string
    readonly projectId: string
    readonly date: IsoDate
    readonly additionalCount: number
    readonly method: CountMethod
    readonly namedPersonIds: ReadonlyArray<string>
  }>
}

/** The rows of one project, merges resolved to the surviving records. */
export interface ReachRows {
  readonly participations: ReadonlyArray<ParticipationRow>
  readonly dissemination: ReadonlyArray<DisseminationRow>
  readonly named: ReadonlyArray<NamedPersonRow>
}

/**
 * Turns records into a project's rows: each participation under its person's survivor (with
 * the survivor's gender) and the institution represented there; each named person as their
 * survivor, with the survivor's current institution. A name repeated within one activity
 * counts once.
 */
export const rowsOf = (records: ReachRecords, projectId: string): ReachRows => {
  const institutions = new Map(records.institutions.map((i) => [i.id, i]))
  const people = new Map(records.people.map((p) => [p.id, p]))
  const survivor = (id: string) => survivorOf(id, (x) => people.get(x)?.mergedInto)
  const events = new Map(records.events.filter((e) => e.projectId === projectId).map((e) => [e.id, e]))
  const participations: Array<ParticipationRow> = []
  for (const p of records.participations) {
    const event = events.get(p.eventId)
    if (!event) continue
    const personId = survivor(p.personId)
    participations.push({
      personId,
      gender: people.get(personId)?.gender,
      eventId: event.id,
      eventKind: event.kind,
      eventStartDate: event.startDate,
      eventEndDate: event.endDate,
      role: p.role,
      institution: institutions.get(p.institutionId),
      attendedDays: p.attendedDays,
    })
  }
  const activities = records.activities.filter((a) => a.projectId === projectId)
  const named: Array<NamedPersonRow> = []
  for (const a of activities) {
    for (const raw of new Set(a.namedPersonIds)) {
      const personId = survivor(raw)
      const person = people.get(personId)
      named.push({
        activityId: a.id,
        date: a.date,
        personId,
        gender: person?.gender,
        institution: person ? institutions.get(person.institutionId) : undefined,
      })
    }
  }
  return {
    participations,
    dissemination: activities.map((a) => ({
      activityId: a.id,
      date: a.date,
      additionalCount: a.additionalCount,
      method: a.method,
    })),
    named,
  }
}

/** Anything that folds reach rows. */
export interface ReachSink {
  addParticipation(row: ParticipationRow): void
  addDissemination(row: DisseminationRow): void
  addNamedPerson(row: NamedPersonRow): void
}

/** Feeds rows to a sink and returns it. */
export const feed = <S extends ReachSink>(sink: S, rows: ReachRows): S => {
  for (const r of rows.participations) sink.addParticipation(r)
  for (const r of rows.dissemination) sink.addDissemination(r)
  for (const r of rows.named) sink.addNamedPerson(r)
  return sink
}

/** A project's reach on `asOf`, from records held in memory. */
export const reachOf = (records: ReachRecords, project: ReachProject, asOf: IsoDate): ReachResult =>
  feed(new ReachAccumulator(project, asOf), rowsOf(records, project.id)).result()

/** A project's reach over time, from records held in memory. */
export const timelineOf = (records: ReachRecords, project: ReachProject): ReachTimeline =>
  feed(new ReachTimeline(project), rowsOf(records, project.id))
