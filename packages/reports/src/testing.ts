/**
 * A report document with Cyrillic titles, for the format tests and the benchmark.
 * @module
 */
import {
  Activity,
  ActivityProgress,
  isoDate,
  type ReportDocument,
  type ReportLanguage,
} from "@coordina/domain"
import { arbitraryProject, arbitraryReachRecords, reportContentOf } from "@coordina/domain/testing"
import { FastCheck as fc } from "effect"

/** A document from random records (fixed seed) with a plan, evidence and a revision. */
export const sampleDocument = (language: ReportLanguage, events = 0): ReportDocument => {
  const [records] = fc.sample(arbitraryReachRecords({ people: 30, participations: 80 }), {
    numRuns: 1,
    seed: 42,
  })
  const content = reportContentOf(
    records!,
    {
      ...arbitraryProject,
      code: "COORD-MECH-2017",
      title: "Подобряване на координационния механизъм за интеграция",
    },
    "interim",
    { start: isoDate("2018-01-01"), end: isoDate("2018-06-30") },
  )
  const activity = new Activity({
    id: "act_1" as never,
    projectId: arbitraryProject.id as never,
    code: "A2",
    title: "Шест регионални семинара",
    plannedStart: isoDate("2018-02-01"),
    plannedEnd: isoDate("2018-11-30"),
    actualStart: isoDate("2018-02-12"),
    status: "in_progress",
    responsible: "Национално сдружение на общините",
    deliverables: ["6 семинара"],
    progress: [
      new ActivityProgress({
        id: "apg_1",
        periodStart: isoDate("2018-01-01"),
        periodEnd: isoDate("2018-06-30"),
        text: "Проведени семинари в Ловеч и Русе.",
        createdAt: "2018-07-01T08:00:00.000Z",
      }),
    ],
    version: 2,
  })
  const extra = Array.from({ length: events }, (_, i) => ({
    id: `evt_${i}`,
    kind: "regional_workshop",
    title: `Регионален семинар № ${i + 1}`,
    startDate: isoDate("2018-03-01"),
    endDate: isoDate("2018-03-02"),
    city: "Пловдив",
    registered: 40,
    attended: 35,
    persons: 33,
    newPersons: 20,
  }))
  return {
    ...content,
    activities: [
      {
        code: activity.code,
        title: activity.title,
        plannedStart: activity.plannedStart,
        plannedEnd: activity.plannedEnd,
        actualStart: isoDate("2018-02-12"),
        status: activity.status,
        responsible: "Национално сдружение на общините",
        deliverables: [...activity.deliverables],
        progress: activity.progress.map((p) => p.text),
      },
    ],
    events: [...content.events, ...extra],
    evidence: [
      {
        id: "evd_1",
        attachedTo: "event:evt_0",
        kind: "sign_in_sheet",
        fileName: "присъствен-списък.pdf",
        mediaType: "application/pdf",
        size: 20480,
        sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
      },
    ],
    revisions: [],
    version: 1,
    language,
    generatedAt: "2018-07-02T09:00:00.000Z",
  }
}
