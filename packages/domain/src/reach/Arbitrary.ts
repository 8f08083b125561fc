/**
 * Random, well-formed reach records for property tests (here and in the store, which runs the
 * same records through the database and compares with {@link reachOf}). A description of data,
 * not a source of randomness: the test runner draws from it.
 * @module
 */
import { FastCheck as fc } from "effect"
import { addDays, type IsoDate, isoDate } from "../CalendarDate.js"
import type { CountMethod } from "../Dissemination.js"
import type { EventKind } from "../Event.js"
import type { InstitutionFacts, InstitutionKind, InstitutionLevel } from "../Institution.js"
import type { ParticipationRole } from "../Participation.js"
import type { Gender } from "../Person.js"
import type { ReachProject } from "./Rows.js"
import type { ReachRecords } from "./Records.js"

/** The project every generated record belongs to (with a second project's records mixed in). */
export const arbitraryProject: ReachProject = {
  id: "prj_a",
  startDate: isoDate("2018-01-01"),
  durationMonths: 12,
  extensions: [],
  targets: [
    { indicator: "direct", value: 10 },
    { indicator: "indirect", value: 10 },
    { indicator: "total", value: 25 },
  ] as ReachProject["targets"],
}

const kinds: ReadonlyArray<InstitutionKind> = ["municipality", "ngo", "state_authority", "other"]
const levels: ReadonlyArray<InstitutionLevel> = ["local", "central", "regional"]
const regions: ReadonlyArray<string | undefined> = ["BG31", "BG41", "BG42", undefined]
const genders: ReadonlyArray<Gender | undefined> = ["female", "male", "undisclosed", undefined]
const eventKinds: ReadonlyArray<EventKind> = ["regional_workshop", "training_seminar", "conference"]
const roles: ReadonlyArray<ParticipationRole> = [
  "participant",
  "participant",
  "participant",
  "speaker",
  "organiser",
]
const methods: ReadonlyArray<CountMethod> = ["counted", "estimated"]
const base = isoDate("2018-01-01")

const pick = <A>(xs: ReadonlyArray<A>) => fc.integer({ min: 0, max: xs.length - 1 }).map((i) => xs[i] as A)
const pad = (n: number) => String(n).padStart(3, "0")

/**
 * Records with `institutions` (some outside the target group), people (some merged, in chains),
 * events over a year (some multi-day), participations with any subset of their event's days,
 * and dissemination naming any people. Many events start on 2018-02-12, so attendances tie on
 * the day. Ids sort in creation order, as the store's do.
 */
export const arbitraryReachRecords = (size: { people?: number; participations?: number } = {}) =>
  fc
    .record({
      institutions: fc.array(
        fc.record({
          kind: pick(kinds),
          level: pick(levels),
          foreign: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
          region: pick(regions),
        }),
        { minLength: 1, maxLength: 6 },
      ),
      people: fc.array(
        fc.record({
          gender: pick(genders),
          institution: fc.nat(),
          mergeInto: fc.option(fc.nat(), { freq: 4 }),
        }),
        { minLength: 1, maxLength: size.people ?? 25 },
      ),
      events: fc.array(
        fc.record({
          kind: pick(eventKinds),
          // Often the same day (42), so first attendances tie on the day and the event id decides.
          start: fc.oneof(fc.integer({ min: 0, max: 360 }), fc.constant(42)),
          length: fc.integer({ min: 1, max: 3 }),
          otherProject: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
        }),
        { minLength: 1, maxLength: 6 },
      ),
      participations: fc.array(
        fc.record({
          person: fc.nat(),
          event: fc.nat(),
          role: pick(roles),
          institution: fc.option(fc.nat(), { freq: 3 }),
          days: fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 3 }),
        }),
        { maxLength: size.participations ?? 60 },
      ),
      activities: fc.array(
        fc.record({
          day: fc.integer({ min: 0, max: 364 }),
          count: fc.integer({ min: 0, max: 20 }),
          method: pick(methods),
          named: fc.array(fc.nat(), { maxLength: 6 }),
          otherProject: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
        }),
        { maxLength: 5 },
      ),
    })
    .map((raw): ReachRecords => {
      const institutions: Array<InstitutionFacts> = raw.institutions.map((i, n) => ({
        id: `ins_${pad(n)}`,
        kind: i.kind,
        level: i.level,
        country: i.foreign ? "DE" : "BG",
        planningRegion: i.foreign ? undefined : i.region,
      }))
      const instId = (n: number) => institutions[n % institutions.length]!.id
      const people = raw.people.map((p, n) => ({
        id: `per_${pad(n)}`,
        gender: p.gender,
        institutionId: instId(p.institution),
        // Only into an earlier record, so links never form a cycle (chains do happen).
        mergedInto: p.mergeInto !== null && n > 0 ? `per_${pad(p.mergeInto % n)}` : undefined,
      }))
      const events = raw.events.map((e, n) => ({
        id: `evt_${pad(n)}`,
        projectId: e.otherProject ? "prj_b" : arbitraryProject.id,
        kind: e.kind,
        startDate: addDays(base, e.start),
        endDate: addDays(base, e.start + e.length - 1),
      }))
      const seen = new Set<string>()
      const participations = raw.participations.flatMap((p) => {
        const event = events[p.event % events.length]!
        const person = people[p.person % people.length]!
        const key = `${event.id}/${person.id}`
        if (seen.has(key)) return []
        seen.add(key)
        const length = Math.round((Date.parse(event.endDate) - Date.parse(event.startDate)) / 86_400_000) + 1
        const attendedDays = [...new Set(p.days.map((d) => d % length))].map((d) =>
          addDays(event.startDate, d),
        )
        return [
          {
            eventId: event.id,
            personId: person.id,
            role: p.role,
            institutionId: p.institution === null ? person.institutionId : instId(p.institution),
            attendedDays: attendedDays as ReadonlyArray<IsoDate>,
          },
        ]
      })
      const activities = raw.activities.map((a, n) => ({
        id: `dis_${pad(n)}`,
        projectId: a.otherProject ? "prj_b" : arbitraryProject.id,
        date: addDays(base, a.day),
        additionalCount: a.count,
        method: a.method,
        namedPersonIds: [...new Set(a.named.map((i) => people[i % people.length]!.id))],
      }))
      return { institutions, people, events, participations, activities }
    })

/** A random date in or around the generated project's year. */
export const arbitraryAsOf = fc.integer({ min: -10, max: 380 }).map((d) => addDays(base, d))
