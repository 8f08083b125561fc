import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import { type IsoDate, isoDate } from "../CalendarDate.js"
import type { InstitutionFacts } from "../Institution.js"
import type { Target } from "../Project.js"
import {
  breakdownKeys,
  headline,
  type FirstQualification,
  peopleBehind,
  qualificationCriteria,
  ReachAccumulator,
  type ReachProject,
  requiredDays,
  toReachReport,
} from "./index.js"
import { arbitraryAsOf, arbitraryProject, arbitraryReachRecords } from "./Arbitrary.js"
import { feed, type ReachRecords, reachOf, rowsOf, timelineOf } from "./Records.js"

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends ReadonlyArray<infer A> ? Array<A> : T[K] }

const d = isoDate
const targets = (direct: number, indirect: number, total: number) =>
  [
    { indicator: "direct", value: direct },
    { indicator: "indirect", value: indirect },
    { indicator: "total", value: total },
  ] as unknown as ReadonlyArray<Target>

const smokeProject: ReachProject = {
  id: "prj_smoke",
  startDate: d("2018-01-01"),
  durationMonths: 12,
  extensions: [],
  targets: targets(5, 10, 15),
}

const m1: InstitutionFacts = {
  id: "m1",
  kind: "municipality",
  level: "local",
  country: "BG",
  planningRegion: "BG41",
}
const n1: InstitutionFacts = {
  id: "n1",
  kind: "ngo",
  level: "central",
  country: "BG",
  planningRegion: "BG41",
}
const f1: InstitutionFacts = { id: "f1", kind: "state_authority", level: "central", country: "DE" }

/** The worked example of shared/checks/contract_smoke.py, after its two sign-in sheets. */
const smokeRecords = (): Mutable<ReachRecords> => ({
  institutions: [m1, n1, f1],
  people: [
    { id: "p1maria", gender: "female", institutionId: "m1" },
    { id: "p2ivan", gender: "male", institutionId: "m1" },
    { id: "p3hans", gender: "male", institutionId: "f1" },
    { id: "p4georgi", gender: "male", institutionId: "n1" },
    { id: "p5elena", gender: "female", institutionId: "n1" },
    { id: "p6elena", institutionId: "m1" },
    { id: "p7petar", gender: "male", institutionId: "n1" },
  ],
  events: [
    {
      id: "e1",
      projectId: "prj_smoke",
      kind: "regional_workshop",
      startDate: d("2018-03-01"),
      endDate: d("2018-03-01"),
    },
    {
      id: "e2",
      projectId: "prj_smoke",
      kind: "training_seminar",
      startDate: d("2018-05-10"),
      endDate: d("2018-05-11"),
    },
  ],
  participations: [
    {
      eventId: "e1",
      personId: "p1maria",
      role: "participant",
      institutionId: "m1",
      attendedDays: [d("2018-03-01")],
    },
    {
      eventId: "e1",
      personId: "p2ivan",
      role: "participant",
      institutionId: "m1",
      attendedDays: [d("2018-03-01")],
    },
    {
      eventId: "e1",
      personId: "p3hans",
      role: "participant",
      institutionId: "f1",
      attendedDays: [d("2018-03-01")],
    },
    {
      eventId: "e1",
      personId: "p4georgi",
      role: "speaker",
      institutionId: "n1",
      attendedDays: [d("2018-03-01")],
    },
    {
      eventId: "e2",
      personId: "p1maria",
      role: "participant",
      institutionId: "m1",
      attendedDays: [d("2018-05-10")],
    },
    {
      eventId: "e2",
      personId: "p2ivan",
      role: "participant",
      institutionId: "m1",
      attendedDays: [d("2018-05-10"), d("2018-05-11")],
    },
    {
      eventId: "e2",
      personId: "p4georgi",
      role: "participant",
      institutionId: "n1",
      attendedDays: [d("2018-05-11")],
    },
    {
      eventId: "e2",
      personId: "p5elena",
      role: "participant",
      institutionId: "n1",
      attendedDays: [d("2018-05-10"), d("2018-05-11")],
    },
    {
      eventId: "e2",
      personId: "p6elena",
      role: "participant",
      institutionId: "m1",
      attendedDays: [d("2018-05-10"), d("2018-05-11")],
    },
  ],
  activities: [
    {
      id: "a1",
      projectId: "prj_smoke",
      date: d("2018-06-01"),
      additionalCount: 7,
      method: "counted",
      namedPersonIds: ["p1maria", "p3hans", "p7petar"],
    },
    {
      id: "a2",
      projectId: "prj_smoke",
      date: d("2018-07-01"),
      additionalCount: 3,
      method: "estimated",
      namedPersonIds: [],
    },
  ],
})

const report = (records: ReachRecords, asOf: string, project = smokeProject) =>
  toReachReport(reachOf(records, project, d(asOf)))

describe("reach: the contract smoke example", () => {
  it("gives the figures worked out by hand on 31 Dec 2018", () => {
    const r = report(smokeRecords(), "2018-12-31")
    expect(r.direct).toEqual({
      total: 5,
      byInstitutionKind: { municipality: 3, ngo: 2 },
      byLevel: { local: 3, central: 2 },
      byPlanningRegion: { BG41: 5 },
      byGender: { female: 2, male: 2, unknown: 1 },
      byEventKind: { regional_workshop: 2, training_seminar: 3 },
    })
    expect(r.indirect).toEqual({ total: 11, named: 1, unnamedCounted: 7, unnamedEstimated: 3 })
    expect(r.total).toBe(16)
    expect(r.targets.map((t) => [t.indicator, t.status])).toEqual([
      ["direct", "met"],
      ["indirect", "met"],
      ["total", "met"],
    ])
  })
  it("is on track for direct and behind for the rest on 1 Apr 2018", () => {
    const r = report(smokeRecords(), "2018-04-01")
    expect(r.direct.total).toBe(2)
    expect(r.targets).toEqual([
      { indicator: "direct", value: 5, achieved: 2, expected: 1.25, status: "on_track" },
      { indicator: "indirect", value: 10, achieved: 0, expected: 2.49, status: "behind" },
      { indicator: "total", value: 15, achieved: 2, expected: 3.74, status: "behind" },
    ])
  })
  it("drills every figure down to the persons behind it", () => {
    const r = reachOf(smokeRecords(), smokeProject, d("2018-12-31"))
    const ids = (xs: ReadonlyArray<{ personId: string }>) => xs.map((x) => x.personId)
    expect(ids(peopleBehind(r, "direct"))).toEqual(["p1maria", "p2ivan", "p4georgi", "p5elena", "p6elena"])
    expect(ids(peopleBehind(r, "byGender", "unknown"))).toEqual(["p6elena"])
    expect(ids(peopleBehind(r, "byEventKind", "regional_workshop"))).toEqual(["p1maria", "p2ivan"])
    expect(ids(peopleBehind(r, "indirect"))).toEqual(["p7petar"])
    expect(ids(peopleBehind(r, "total"))).toHaveLength(6)
    expect(peopleBehind(r, "byLevel")).toEqual([])
  })
})

describe("reach: the traps", () => {
  it("does not count speakers, trainers or organisers", () => {
    const records = smokeRecords()
    records.participations = records.participations.map((p) =>
      p.personId === "p5elena"
        ? { ...p, role: "trainer" }
        : p.personId === "p6elena"
          ? { ...p, role: "organiser" }
          : p,
    )
    expect(report(records, "2018-12-31").direct.total).toBe(3)
  })
  it("counts a speaker who later participates, from the event where they participated", () => {
    const r = reachOf(smokeRecords(), smokeProject, d("2018-12-31"))
    expect(r.direct.get("p4georgi")).toMatchObject({
      eventId: "e2",
      eventKind: "training_seminar",
      day: "2018-05-11",
    })
  })
  it("does not count registered no-shows", () => {
    const records = smokeRecords()
    records.participations.push({
      eventId: "e1",
      personId: "p7petar",
      role: "participant",
      institutionId: "n1",
      attendedDays: [],
    })
    expect(report(records, "2018-12-31").direct.total).toBe(5)
  })
  it("counts a person who first came from a non-target institution from their first qualifying participation", () => {
    const records = smokeRecords()
    // Hans moves to a Bulgarian municipality and attends the seminar's second day.
    records.participations.push({
      eventId: "e2",
      personId: "p3hans",
      role: "participant",
      institutionId: "m1",
      attendedDays: [d("2018-05-11")],
    })
    const r = reachOf(records, smokeProject, d("2018-12-31"))
    expect(r.direct.get("p3hans")).toMatchObject({ eventId: "e2", institution: m1, day: "2018-05-11" })
    expect(toReachReport(r).direct.byInstitutionKind).toEqual({ municipality: 4, ngo: 2 })
    expect(report(records, "2018-04-01").direct.total).toBe(2)
  })
  it("counts a multi-day event spanning the as-of date from the days attended so far", () => {
    const records = smokeRecords()
    // On 10 May, Georgi (11 May only) is not yet reached; Elena and Elena (both days) are.
    expect(report(records, "2018-05-10").direct.total).toBe(4)
    expect(report(records, "2018-05-11").direct.total).toBe(5)
    // With a minimum share of 100 %, no one who attended one day of two counts, ever.
    const strict = { ...smokeProject, minimumAttendanceShare: 1 }
    expect(report(records, "2018-05-10", strict).direct.total).toBe(2)
    expect(report(records, "2018-12-31", strict).direct.total).toBe(4)
    expect(requiredDays(0.5, 3)).toBe(2)
    expect(requiredDays(undefined, 3)).toBe(1)
  })
  it("does not count dissemination naming people already reached directly, or outside the target group", () => {
    const r = report(smokeRecords(), "2018-12-31")
    expect(r.indirect.named).toBe(1)
    // Before Петър's manual arrives, Мария was already reached directly: nobody named counts.
    expect(report(smokeRecords(), "2018-05-31").indirect.named).toBe(0)
  })
  it("moves a named person from indirect to direct once they attend", () => {
    const records = smokeRecords()
    const e3 = {
      id: "e3",
      projectId: "prj_smoke",
      kind: "conference" as const,
      startDate: d("2018-10-01"),
      endDate: d("2018-10-01"),
    }
    records.events.push(e3)
    records.participations.push({
      eventId: "e3",
      personId: "p7petar",
      role: "participant",
      institutionId: "n1",
      attendedDays: [d("2018-10-01")],
    })
    expect(report(records, "2018-09-30")).toMatchObject({
      direct: { total: 5 },
      indirect: { named: 1 },
      total: 16,
    })
    expect(report(records, "2018-10-01")).toMatchObject({
      direct: { total: 6 },
      indirect: { named: 0 },
      total: 16,
    })
  })
  it("counts a merged person once, as the survivor with the survivor's gender", () => {
    const records = smokeRecords()
    records.people = records.people.map((p) => (p.id === "p6elena" ? { ...p, mergedInto: "p5elena" } : p))
    const r = report(records, "2018-12-31")
    expect(r.direct.total).toBe(4)
    // The survivor's first qualifying participation is the NGO one (ties on day: lower event id,
    // both at e2: the same day and event, the first row kept).
    expect(r.direct.byGender).toEqual({ female: 2, male: 2 })
  })
  it("narrows the target group when the project says so", () => {
    const onlyMunicipalities = {
      ...smokeProject,
      targetGroup: { institutionKinds: ["municipality" as const] },
    }
    expect(report(smokeRecords(), "2018-12-31", onlyMunicipalities).direct).toMatchObject({
      total: 3,
      byInstitutionKind: { municipality: 3 },
    })
    const withGermany = { ...smokeProject, targetGroup: { countries: ["BG", "DE"] } }
    expect(report(smokeRecords(), "2018-12-31", withGermany).direct).toMatchObject({
      total: 6,
      byPlanningRegion: { BG41: 5, unknown: 1 },
    })
  })
  it("reports breakdown targets", () => {
    const p = {
      ...smokeProject,
      targets: [
        { indicator: "direct", value: 5, breakdown: { byInstitutionKind: { municipality: 4 } } },
      ] as unknown as ReadonlyArray<Target>,
    }
    expect(report(smokeRecords(), "2018-12-31", p).targets[0]?.breakdown).toEqual([
      {
        breakdown: "byInstitutionKind",
        bucket: "municipality",
        value: 4,
        achieved: 3,
        expected: 4,
        status: "behind",
      },
    ])
  })
  it("tallies attendances next to unique persons per event", () => {
    const acc = feed(
      new ReachAccumulator(smokeProject, d("2018-12-31"), { eventAttendance: true }),
      rowsOf(smokeRecords(), "prj_smoke"),
    )
    expect(acc.eventAttendance()).toEqual([
      {
        eventId: "e1",
        eventKind: "regional_workshop",
        attendances: 4,
        personDays: 4,
        uniquePersons: 4,
        firstReachedHere: 2,
      },
      {
        eventId: "e2",
        eventKind: "training_seminar",
        attendances: 5,
        personDays: 8,
        uniquePersons: 5,
        firstReachedHere: 3,
      },
    ])
  })
})

describe("reach: properties", () => {
  const records = arbitraryReachRecords()
  const project = arbitraryProject

  it("every breakdown sums to the direct total", () => {
    fc.assert(
      fc.property(records, arbitraryAsOf, (recs, asOf) => {
        const r = toReachReport(reachOf(recs, project, asOf))
        for (const k of breakdownKeys) {
          expect(Object.values(r.direct[k]).reduce((a, b) => a + b, 0)).toBe(r.direct.total)
          expect(Object.values(r.direct[k])).not.toContain(0)
        }
        expect(r.total).toBe(r.direct.total + r.indirect.total)
      }),
    )
  })
  it("direct and indirect never share a person", () => {
    fc.assert(
      fc.property(records, arbitraryAsOf, (recs, asOf) => {
        const r = reachOf(recs, project, asOf)
        for (const id of r.indirectNamed.keys()) expect(r.direct.has(id)).toBe(false)
      }),
    )
  })
  it("direct reach never falls as the as-of date moves forward", () => {
    fc.assert(
      fc.property(records, arbitraryAsOf, arbitraryAsOf, (recs, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a]
        const before = reachOf(recs, project, early).direct
        const after = reachOf(recs, project, late).direct
        for (const id of before.keys()) expect(after.has(id)).toBe(true)
      }),
    )
  })
  it("merging two people then undoing the merge restores every figure", () => {
    fc.assert(
      fc.property(records, arbitraryAsOf, fc.nat(), fc.nat(), (recs, asOf, i, j) => {
        const live = recs.people.filter((p) => p.mergedInto === undefined)
        const from = live[i % live.length]
        const into = live[j % live.length]
        if (!from || !into || from.id === into.id) return
        const merged = {
          ...recs,
          people: recs.people.map((p) => (p.id === from.id ? { ...p, mergedInto: into.id } : p)),
        }
        const undone = {
          ...merged,
          people: merged.people.map((p) => (p.id === from.id ? { ...p, mergedInto: undefined } : p)),
        }
        const m = reachOf(merged, project, asOf)
        expect(m.direct.has(from.id)).toBe(false)
        expect(m.indirectNamed.has(from.id)).toBe(false)
        expect(toReachReport(reachOf(undone, project, asOf))).toEqual(
          toReachReport(reachOf(recs, project, asOf)),
        )
      }),
    )
  })
  it("does not depend on the order of the rows", () => {
    fc.assert(
      fc.property(records, arbitraryAsOf, (recs, asOf) => {
        const rows = rowsOf(recs, project.id)
        const reversed = {
          participations: [...rows.participations].reverse(),
          dissemination: [...rows.dissemination].reverse(),
          named: [...rows.named].reverse(),
        }
        const a = feed(new ReachAccumulator(project, asOf), rows).result()
        const b = feed(new ReachAccumulator(project, asOf), reversed).result()
        expect(toReachReport(b)).toEqual(toReachReport(a))
        expect([...b.direct.entries()].sort()).toEqual([...a.direct.entries()].sort())
      }),
    )
  })
  it("first qualifications selected with the criteria give what the rows give", () => {
    // The store's side of the contract, done here the way its SQL does it: filter by the
    // criteria alone, count the days attended by asOf, keep the least (day, event, institution).
    const shares = fc.constantFrom(undefined, 0.5, 0.6, 1)
    const groups = fc.constantFrom<ReachProject["targetGroup"]>(undefined, { institutionKinds: ["ngo"] })
    fc.assert(
      fc.property(records, arbitraryAsOf, shares, groups, (recs, asOf, share, group) => {
        const p: ReachProject = { ...project, minimumAttendanceShare: share, targetGroup: group }
        const events = recs.events.filter((e) => e.projectId === p.id)
        const criteria = qualificationCriteria(p, recs.institutions, events)
        const needs = new Map(criteria.requiredDays.map((r) => [r.eventId, r.days]))
        const survivor = (id: string): string => {
          const next = recs.people.find((x) => x.id === id)?.mergedInto
          return next === undefined ? id : survivor(next)
        }
        const firsts = new Map<string, FirstQualification>()
        const key = (f: FirstQualification) => `${f.day}\u0001${f.eventId}\u0001${f.institution.id}`
        for (const part of recs.participations) {
          const event = events.find((e) => e.id === part.eventId)
          const institution = recs.institutions.find((i) => i.id === part.institutionId)
          const days = [...new Set(part.attendedDays.filter((x) => x <= asOf))].sort()
          if (!event || !institution || !criteria.roles.includes(part.role)) continue
          if (!criteria.institutionIds.includes(institution.id)) continue
          if (days.length === 0 || days.length < (needs.get(event.id) ?? 1)) continue
          const personId = survivor(part.personId)
          const f: FirstQualification = {
            personId,
            gender: recs.people.find((x) => x.id === personId)?.gender,
            day: days[0]!,
            eventId: event.id,
            eventKind: event.kind,
            institution,
          }
          const current = firsts.get(personId)
          if (!current || key(f) < key(current)) firsts.set(personId, f)
        }
        const acc = new ReachAccumulator(p, asOf)
        for (const f of firsts.values()) acc.addFirstQualification(f)
        const rows = rowsOf(recs, p.id)
        for (const r of rows.dissemination) acc.addDissemination(r)
        for (const r of rows.named) acc.addNamedPerson(r)
        const pure = reachOf(recs, p, asOf)
        expect(toReachReport(acc.result())).toEqual(toReachReport(pure))
        expect(new Map(acc.result().direct)).toEqual(new Map(pure.direct))
      }),
    )
  })
  it("the timeline agrees with the accumulator on every date", () => {
    fc.assert(
      fc.property(records, arbitraryAsOf, (recs, asOf) => {
        expect(timelineOf(recs, project).at(asOf)).toEqual(headline(reachOf(recs, project, asOf)))
        const strict = { ...project, minimumAttendanceShare: 0.6 }
        expect(timelineOf(recs, strict).at(asOf)).toEqual(headline(reachOf(recs, strict, asOf)))
      }),
    )
  })
  it("new in a period plus reached before it is everyone reached by its end", () => {
    fc.assert(
      fc.property(records, arbitraryAsOf, arbitraryAsOf, (recs, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a]
        const t = timelineOf(recs, project)
        const p = t.period(from, to)
        const dayBefore = new Date(Date.parse(from) - 86_400_000).toISOString().slice(0, 10) as IsoDate
        expect(p.direct.toDate).toBe(reachOf(recs, project, to).direct.size)
        expect(p.direct.newInPeriod + reachOf(recs, project, dayBefore).direct.size).toBe(p.direct.toDate)
      }),
    )
  })
})
