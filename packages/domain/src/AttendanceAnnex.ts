/**
 * The attendance annex's participant lists (design/reports.md, kind `attendance_annex`): for each
 * event of the period, who took part, so the funder can check the list against the sign-in
 * sheets. No report holds a name, so a participant is shown by initials (as a certificate's
 * public check shows them), the institution represented, the role, the status and the days
 * attended: enough to find the line on a signed paper sheet, not enough to name anyone to a
 * reader who has not seen it. A person whose data was erased shows no initials at all.
 * @module
 */
import { Schema } from "effect"
import { type IsoDate, IsoDate as IsoDateSchema } from "./CalendarDate.js"
import type { ReportPeriod } from "./Report.js"

/** One participant of an event in the annex: never a name. */
export const AnnexParticipant = Schema.Struct({
  line: Schema.Int.annotations({ description: "1, 2, … within the event, in the order listed" }),
  initials: Schema.String.annotations({
    description: "First letters of the given and family names: «М. П.»",
  }),
  institution: Schema.String.annotations({ description: "The institution represented" }),
  role: Schema.String,
  status: Schema.String,
  days: Schema.Array(IsoDateSchema).annotations({ description: "The days attended" }),
}).annotations({ identifier: "AnnexParticipant" })
/** One participant of an event in the annex. */
export type AnnexParticipant = typeof AnnexParticipant.Type

/** One event of the period with its participants. */
export const AnnexEvent = Schema.Struct({
  eventId: Schema.String,
  title: Schema.String,
  startDate: IsoDateSchema,
  endDate: IsoDateSchema,
  participants: Schema.Array(AnnexParticipant),
}).annotations({ identifier: "AnnexEvent" })
/** One event of the period with its participants. */
export type AnnexEvent = typeof AnnexEvent.Type

/** One participation as the annex reads it: the (surviving) person's names, only to take initials. */
export interface AnnexParticipationRecord {
  readonly participationId: string
  readonly eventId: string
  readonly givenName: string
  readonly familyName: string
  readonly erased: boolean
  readonly institution: string
  readonly role: string
  readonly status: string
  readonly days: ReadonlyArray<IsoDate>
}

/** The event facts the annex lists. */
export interface AnnexEventRecord {
  readonly id: string
  readonly title: string
  readonly startDate: IsoDate
  readonly endDate: IsoDate
}

const firstLetter = (word: string) => {
  const [letter] = Array.from(word.trim())
  return letter ? `${letter.toLocaleUpperCase("bg")}.` : ""
}

/**
 * Initials of a name: the first letter of each part of the given and the family name, a hyphen
 * kept between the parts of a double family name («Мария Петрова-Иванова» → «М. П.-И.»).
 */
export const initialsOf = (givenName: string, familyName: string): string => {
  const part = (name: string) =>
    name
      .trim()
      .split(/\s+/)
      .filter((w) => w !== "")
      .map((w) => w.split("-").map(firstLetter).join("-"))
      .join(" ")
  return [part(givenName), part(familyName)].filter((p) => p !== "").join(" ")
}

/** Shown for a person whose personal data was erased. */
export const erasedInitials = "—"

const byText = (a: string, b: string) => a.localeCompare(b, "bg")

/**
 * The annex: the events that start in the period (by start date and id) with their participants
 * that were not cancelled, by initials, then institution (a participation id settles ties, so two
 * generations from the same records list the same lines).
 */
export const attendanceAnnex = (
  events: ReadonlyArray<AnnexEventRecord>,
  participations: ReadonlyArray<AnnexParticipationRecord>,
  period: ReportPeriod,
): ReadonlyArray<AnnexEvent> => {
  const byEvent = new Map<string, Array<AnnexParticipationRecord>>()
  for (const p of participations) {
    if (p.status === "cancelled") continue
    const list = byEvent.get(p.eventId)
    if (list) list.push(p)
    else byEvent.set(p.eventId, [p])
  }
  return events
    .filter((e) => e.startDate >= period.start && e.startDate <= period.end)
    .sort((a, b) => byText(a.startDate, b.startDate) || byText(a.id, b.id))
    .map((e) => {
      const rows = (byEvent.get(e.id) ?? []).map((p) => ({
        record: p,
        initials: p.erased ? erasedInitials : initialsOf(p.givenName, p.familyName),
      }))
      rows.sort(
        (a, b) =>
          byText(a.initials, b.initials) ||
          byText(a.record.institution, b.record.institution) ||
          (a.record.participationId < b.record.participationId ? -1 : 1),
      )
      return {
        eventId: e.id,
        title: e.title,
        startDate: e.startDate,
        endDate: e.endDate,
        participants: rows.map(({ record, initials }, i) => ({
          line: i + 1,
          initials,
          institution: record.institution,
          role: record.role,
          status: record.status,
          days: [...record.days].sort(),
        })),
      }
    })
}
