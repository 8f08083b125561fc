/**
 * The flagship project's plan, A1–A6, for the demo database. Codes, titles, outputs and the
 * events behind each activity come from the project's public facts (flagship-project.json).
 * THE DATES, STATUSES, RESPONSIBLE ORGANISATIONS AND PROGRESS TEXTS ARE INVENTED: the public
 * record gives none. Each title below says "(dates invented)" where that is so, so that no
 * newcomer takes them for the record.
 * @module
 */
import { isoDate, type PlanEntry, type Project, projectEndDate } from "@coordina/domain"
import { ActivitiesRepository, newId, ReportsRepository } from "@coordina/store"
import { Effect } from "effect"
import flagship from "./flagship-project.json" with { type: "json" }

const lead = flagship.project.leadOrganisation
const [cities] = flagship.project.partners

/** Invented schedule per activity code; every date here is made up for the demo. */
const invented: Record<
  string,
  Omit<PlanEntry, "code" | "title" | "deliverables"> & {
    progress: ReadonlyArray<{ start: string; end: string; text: string }>
  }
> = {
  A1: {
    plannedStart: isoDate("2017-12-01"),
    plannedEnd: isoDate("2018-05-31"),
    actualStart: isoDate("2017-12-04"),
    actualEnd: isoDate("2018-06-15"),
    status: "completed",
    responsible: lead,
    progress: [
      {
        start: "2017-12-01",
        end: "2018-06-30",
        text: "Desk review of the 2016 and 2017 ordinances and interviews with municipalities completed; review report delivered (demo text).",
      },
    ],
  },
  A2: {
    plannedStart: isoDate("2018-02-01"),
    plannedEnd: isoDate("2018-11-30"),
    actualStart: isoDate("2018-02-12"),
    actualEnd: isoDate("2018-11-26"),
    status: "completed",
    responsible: cities,
    progress: [
      {
        start: "2017-12-01",
        end: "2018-06-30",
        text: "Regional workshops held in the first planning regions; the rest scheduled for the autumn (demo text).",
      },
    ],
  },
  A3: {
    plannedStart: isoDate("2018-04-01"),
    plannedEnd: isoDate("2018-12-31"),
    actualStart: isoDate("2018-04-16"),
    status: "in_progress",
    responsible: lead,
    progress: [
      {
        start: "2017-12-01",
        end: "2018-06-30",
        text: "First training seminar held; curricula for the next two agreed with the Ministry of Interior (demo text).",
      },
    ],
  },
  A4: {
    plannedStart: isoDate("2018-09-01"),
    plannedEnd: isoDate("2019-03-31"),
    status: "planned",
    responsible: lead,
    progress: [],
  },
  A5: {
    plannedStart: isoDate("2017-12-01"),
    plannedEnd: isoDate("2019-03-31"),
    actualStart: isoDate("2017-12-01"),
    status: "in_progress",
    responsible: lead,
    progress: [
      {
        start: "2017-12-01",
        end: "2018-06-30",
        text: "Steering group met monthly; interim financial and technical reporting on schedule (demo text).",
      },
    ],
  },
  A6: {
    plannedStart: isoDate("2017-12-01"),
    plannedEnd: isoDate("2019-03-31"),
    actualStart: isoDate("2017-12-15"),
    status: "in_progress",
    responsible: lead,
    progress: [
      {
        start: "2017-12-01",
        end: "2018-06-30",
        text: "Project web page launched; press releases after each workshop (demo text).",
      },
    ],
  },
}

const deliverablesOf = (a: (typeof flagship.activities)[number]): ReadonlyArray<string> => [
  ...("output" in a && a.output ? [a.output] : []),
  ...("events" in a && a.events
    ? [`${a.events.length} event(s): ${[...new Set(a.events.map((e) => e.kind))].join(", ")}`]
    : []),
]

/** Loads A1–A6 into the flagship project's plan. */
export const loadPlanDemo = (projectId: string) =>
  Effect.gen(function* () {
    const repo = yield* ActivitiesRepository
    for (const a of flagship.activities) {
      const plan = invented[a.code]
      if (!plan) continue
      const { progress, ...dates } = plan
      const id = newId("act")
      yield* repo.create(id, projectId, {
        code: a.code,
        title: `${a.titleEn} (dates invented)`,
        deliverables: deliverablesOf(a),
        ...dates,
      })
      for (const p of progress)
        yield* repo.addProgress(id, newId("apg"), {
          periodStart: isoDate(p.start),
          periodEnd: isoDate(p.end),
          text: p.text,
        })
    }
  }).pipe(Effect.orDie)

/**
 * Queues the flagship's interim report for Dec 2017 – Jun 2018 and its final report (in
 * Bulgarian), so that right after `pnpm start` the worker produces both and they can be downloaded.
 */
export const queueDemoReports = (project: Project) =>
  Effect.gen(function* () {
    const reports = yield* ReportsRepository
    const requestedAt = new Date().toISOString()
    const periods = [
      { kind: "interim" as const, start: project.startDate, end: isoDate("2018-06-30") },
      { kind: "final" as const, start: project.startDate, end: projectEndDate(project) },
    ]
    for (const p of periods)
      yield* reports.enqueue({
        id: newId("rpt"),
        projectId: project.id,
        kind: p.kind,
        periodStart: p.start,
        periodEnd: p.end,
        language: "bg",
        version: 1,
        requestedBy: "demo",
        requestedAt,
      })
  })
