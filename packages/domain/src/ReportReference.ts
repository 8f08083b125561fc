/**
 * The records a report reads, from reach records held in memory: the reference the store's
 * queries are tested against (as {@link reachOf} is for reach). Events get their id as title and
 * no city; every participation counts as registered.
 * @module
 */
import type { IsoDate } from "./CalendarDate.js"
import { survivorOf } from "./Person.js"
import type { ReachProject } from "./reach/index.js"
import { reachOf, type ReachRecords, timelineOf } from "./reach/index.js"
import { seriesDates } from "./reach/index.js"
import { dayBefore, type ReportKind, type ReportPeriod } from "./Report.js"
import {
  eventFigures,
  type ReportContent,
  reportContent,
  type ReportDisseminationRecord,
  type ReportEventRecord,
  type ReportParticipationRecord,
} from "./ReportContent.js"

/** The event, participation and dissemination records of one project, merges resolved. */
export const reportRecordsOf = (records: ReachRecords, projectId: string) => {
  const people = new Map(records.people.map((p) => [p.id, p]))
  const survivor = (id: string) => survivorOf(id, (x) => people.get(x)?.mergedInto)
  const events: ReadonlyArray<ReportEventRecord> = records.events
    .filter((e) => e.projectId === projectId)
    .map((e) => ({
      id: e.id,
      kind: e.kind,
      title: e.id,
      startDate: e.startDate,
      endDate: e.endDate,
      city: "",
    }))
  const ids = new Set(events.map((e) => e.id))
  const participations: Array<ReportParticipationRecord> = []
  const firstAttended = new Map<string, IsoDate>()
  for (const p of records.participations) {
    if (!ids.has(p.eventId)) continue
    const personId = survivor(p.personId)
    participations.push({
      eventId: p.eventId,
      personId,
      cancelled: false,
      attendedDays: p.attendedDays.length,
    })
    for (const d of p.attendedDays) {
      const known = firstAttended.get(personId)
      if (known === undefined || d < known) firstAttended.set(personId, d)
    }
  }
  const dissemination: ReadonlyArray<ReportDisseminationRecord> = records.activities
    .filter((a) => a.projectId === projectId)
    .map((a) => ({
      id: a.id,
      kind: "publication",
      date: a.date,
      title: a.id,
      named: new Set(a.namedPersonIds).size,
      additionalCount: a.additionalCount,
      method: a.method,
    }))
  return { events, eventFigures: eventFigures(events, participations, firstAttended), dissemination }
}

/** A report's content from records held in memory, with no plan, evidence or revisions. */
export const reportContentOf = (
  records: ReachRecords,
  project: ReachProject & { readonly code: string; readonly title: string },
  kind: ReportKind,
  period: ReportPeriod,
): ReportContent =>
  reportContent({
    project: { ...project, extensions: project.extensions.map((e) => ({ months: e.months, reason: "" })) },
    kind,
    period,
    reachAtEnd: reachOf(records, project, period.end),
    reachBeforeStart: reachOf(records, project, dayBefore(period.start)),
    series: timelineOf(records, project).series(seriesDates(project.startDate, period.end, "month")),
    activities: [],
    ...reportRecordsOf(records, project.id),
    evidence: [],
    revisions: [],
  })
