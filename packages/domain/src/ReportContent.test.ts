import { FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import { Activity, ActivityProgress } from "./Activity.js"
import { isoDate } from "./CalendarDate.js"
import { reachOf, timelineOf } from "./reach/index.js"
import { arbitraryProject, arbitraryReachRecords } from "./reach/Arbitrary.js"
import { canonicalJson, contentChanges, eventFigures, eventsHeld, reportContent } from "./ReportContent.js"
import { reportContentOf, reportRecordsOf } from "./ReportReference.js"
import { requestedPeriod } from "./Report.js"
import { Target } from "./Project.js"

const project = {
  ...arbitraryProject,
  code: "GEN",
  title: "Generated",
  targets: [
    new Target({ indicator: "direct", value: 10, breakdown: { byInstitutionKind: { municipality: 4 } } }),
    new Target({ indicator: "total", value: 25 }),
  ],
}
const period = { start: isoDate("2018-02-13"), end: isoDate("2018-07-01") }

describe("report content", () => {
  it("has the reach of its end date, and new-in-period figures that agree with the timeline", () => {
    fc.assert(
      fc.property(arbitraryReachRecords({ people: 15, participations: 40 }), (records) => {
        const content = reportContentOf(records, project, "interim", period)
        const atEnd = reachOf(records, project, period.end)
        expect(content.reach.asOfEnd.direct.total).toBe(atEnd.direct.size)
        const p = timelineOf(records, project).period(period.start, period.end)
        expect(content.reach.newInPeriod.direct).toBe(p.direct.newInPeriod)
        expect(content.indicators[0]).toMatchObject({
          indicator: "direct",
          achieved: atEnd.direct.size,
          newInPeriod: p.direct.newInPeriod,
        })
        expect(content.indicators[1]).toMatchObject({
          indicator: "direct",
          breakdown: "byInstitutionKind",
          bucket: "municipality",
        })
        const supported = new Set([...atEnd.direct.values()].map((a) => a.institution!.id))
        expect(content.institutionsSupported.total).toBe(supported.size)
        for (const e of content.events) {
          expect(e.startDate >= period.start && e.startDate <= period.end).toBe(true)
          expect(e.newPersons).toBeLessThanOrEqual(e.persons)
          expect(e.persons).toBeLessThanOrEqual(e.attended)
          expect(e.attended).toBeLessThanOrEqual(e.registered)
        }
        const counted = content.dissemination.reduce((n, d) => n + d.unnamedCounted, 0)
        const countedBefore = reachOf(records, project, isoDate("2018-02-12")).unnamedCounted
        expect(counted).toBe(atEnd.unnamedCounted - countedBefore)
        // The same records give the same content, key for key.
        expect(canonicalJson(reportContentOf(records, project, "interim", period))).toBe(
          canonicalJson(content),
        )
      }),
      { numRuns: 60 },
    )
  })

  it("counts registered, attended, distinct and new persons per event", () => {
    const events = [
      {
        id: "e1",
        kind: "conference",
        title: "First",
        startDate: isoDate("2018-03-01"),
        endDate: isoDate("2018-03-02"),
        city: "София",
      },
      {
        id: "e2",
        kind: "conference",
        title: "Second",
        startDate: isoDate("2018-04-01"),
        endDate: isoDate("2018-04-01"),
        city: "Русе",
      },
      {
        id: "e0",
        kind: "conference",
        title: "Before",
        startDate: isoDate("2018-01-01"),
        endDate: isoDate("2018-01-01"),
        city: "Русе",
      },
    ]
    const held = eventsHeld(
      events,
      eventFigures(
        events,
        [
          { eventId: "e1", personId: "p1", cancelled: false, attendedDays: 2 },
          { eventId: "e1", personId: "p2", cancelled: false, attendedDays: 0 },
          { eventId: "e1", personId: "p3", cancelled: true, attendedDays: 0 },
          { eventId: "e2", personId: "p1", cancelled: false, attendedDays: 1 },
          { eventId: "e2", personId: "p4", cancelled: false, attendedDays: 1 },
          { eventId: "e2", personId: "p4b", cancelled: false, attendedDays: 1 },
        ],
        new Map([
          ["p1", isoDate("2018-03-01")],
          ["p4", isoDate("2018-04-01")],
          ["p4b", isoDate("2018-01-01")],
        ]),
      ),
      { start: isoDate("2018-02-01"), end: isoDate("2018-06-30") },
    )
    expect(held.map((e) => [e.id, e.registered, e.attended, e.persons, e.newPersons])).toEqual([
      ["e1", 2, 1, 1, 1],
      ["e2", 3, 3, 3, 1],
    ])
  })

  it("lists plan activities with the period's progress texts, in code order", () => {
    const records = reportRecordsOf(
      { institutions: [], people: [], events: [], participations: [], activities: [] },
      project.id,
    )
    const reach = reachOf(
      { institutions: [], people: [], events: [], participations: [], activities: [] },
      project,
      period.end,
    )
    const activity = (code: string, texts: ReadonlyArray<[string, string, string]>) =>
      new Activity({
        id: `act_${code}` as never,
        projectId: project.id as never,
        code,
        title: code,
        plannedStart: isoDate("2018-01-01"),
        plannedEnd: isoDate("2018-12-31"),
        status: "in_progress",
        deliverables: [],
        progress: texts.map(
          ([s, e, text], i) =>
            new ActivityProgress({
              id: String(i),
              periodStart: isoDate(s),
              periodEnd: isoDate(e),
              text,
              createdAt: "t",
            }),
        ),
        version: 1,
      })
    const content = reportContent({
      project: { ...project, extensions: [] },
      kind: "interim",
      period,
      reachAtEnd: reach,
      reachBeforeStart: reach,
      series: [],
      activities: [
        activity("A10", []),
        activity("A2", [
          ["2018-01-01", "2018-06-30", "H1"],
          ["2018-07-02", "2018-12-31", "H2"],
        ]),
      ],
      ...records,
      evidence: [],
      revisions: [],
    })
    expect(content.activities.map((a) => [a.code, a.progress])).toEqual([
      ["A2", ["H1"]],
      ["A10", []],
    ])
  })

  it("carries the review's counts, and what is new in the period, only when agreements are given", () => {
    const empty = { institutions: [], people: [], events: [], participations: [], activities: [] }
    const reach = reachOf(empty, project, period.end)
    const funnel = (intents: number, matched: number, concluded: number) => ({
      intents,
      matched,
      concluded,
      extended: 0,
      terminated: 0,
      expired: 0,
      closed: 0,
    })
    const base = {
      project: { ...project, extensions: [] },
      kind: "interim" as const,
      period,
      reachAtEnd: reach,
      reachBeforeStart: reach,
      series: [],
      activities: [],
      ...reportRecordsOf(empty, project.id),
      evidence: [],
      revisions: [
        {
          id: "rev_1",
          at: "2018-08-01T10:00:00.000Z",
          entity: "participation:par_1",
          change: "registered person per_1 at event evt_1 (registered)",
          unlockedBy: "usr_admin",
          reason: "A missed sign-in",
        },
      ],
    }
    expect(reportContent(base).agreements).toBeUndefined()
    const content = reportContent({
      ...base,
      agreements: { asOfEnd: funnel(7, 4, 2), beforeStart: funnel(3, 1, 0) },
    })
    expect(content.agreements).toEqual({
      asOfEnd: funnel(7, 4, 2),
      newInPeriod: { intents: 4, matched: 3, concluded: 2, extended: 0 },
    })
    expect(content.revisions).toEqual(base.revisions)
    // The evaluations' useful share sits beside the targets, only when there is one.
    expect("usefulShare" in content.reach.asOfEnd).toBe(false)
    const withShare = reportContent({ ...base, usefulShare: 0.75 })
    expect(withShare.reach.asOfEnd.usefulShare).toBe(0.75)
    expect(withShare.reach.asOfEnd.targets).toEqual(content.reach.asOfEnd.targets)
    expect(withShare.indicators).toEqual(content.indicators)
  })

  it("lists what changed between two versions, path by path", () => {
    expect(contentChanges({ a: 1, b: [1, 2], c: { d: "x" } }, { a: 1, b: [1, 3, 4], c: {} })).toEqual([
      { path: "b.1", before: 2, after: 3 },
      { path: "b.2", after: 4 },
      { path: "c.d", before: "x" },
    ])
    expect(contentChanges({ a: 1 }, { a: 1 })).toEqual([])
    expect(canonicalJson({ b: 1, a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":1}')
  })

  it("takes the whole project for the final report and refuses periods outside it, naming the path", () => {
    const p = { startDate: isoDate("2017-12-01"), durationMonths: 16, extensions: [{ months: 6 }] }
    expect(requestedPeriod(p, { kind: "final" })).toEqual({
      period: { start: "2017-12-01", end: "2019-09-30" },
    })
    expect(
      requestedPeriod(p, {
        kind: "interim",
        periodStart: isoDate("2017-12-01"),
        periodEnd: isoDate("2018-06-30"),
      }),
    ).toEqual({
      period: { start: "2017-12-01", end: "2018-06-30" },
    })
    expect(
      requestedPeriod(p, {
        kind: "interim",
        periodStart: isoDate("2017-11-30"),
        periodEnd: isoDate("2017-12-31"),
      }),
    ).toMatchObject({
      problems: [{ path: "periodStart" }],
    })
    expect(
      requestedPeriod(p, {
        kind: "interim",
        periodStart: isoDate("2018-06-30"),
        periodEnd: isoDate("2018-01-01"),
      }),
    ).toMatchObject({
      problems: [{ path: "periodEnd", message: "periodEnd is before periodStart" }],
    })
    expect(requestedPeriod(p, { kind: "reach_annex" })).toMatchObject({
      problems: [{ path: "periodStart" }, { path: "periodEnd" }],
    })
  })
})
