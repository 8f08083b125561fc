/**
 * Demo data for a new embedded database, so a newcomer sees a working system at once: the
 * flagship project from its public facts. Never loaded into PostgreSQL.
 * @module
 */
import { isoDate, NewProject, Target } from "@coordina/domain"
import { ProjectsRepository } from "@coordina/store"
import { Effect } from "effect"
import flagship from "./flagship-project.json" with { type: "json" }
import { loadPlanDemo, queueDemoReports } from "./PlanDemo.js"
import { loadReachDemo } from "./ReachDemo.js"
import { loadAgreementsDemo } from "./AgreementsDemo.js"
import { loadEvaluationDemo } from "./EvaluationDemo.js"
import { loadCertificatesDemo } from "./CertificatesDemo.js"
import { loadPracticesDemo } from "./PracticesDemo.js"

/** Loads the demo data unless the database already holds a project; says whether it did. */
export const loadDemo = Effect.gen(function* () {
  const projects = yield* ProjectsRepository
  const existing = yield* projects.list({ limit: 1 })
  if (existing.items.length > 0) return false
  const p = flagship.project
  const project = yield* projects.create(
    new NewProject({
      code: p.code,
      title: p.titleEn,
      funder: p.funder,
      startDate: isoDate(p.startDate),
      durationMonths: p.durationMonths,
      targets: p.targets.map(
        (t) => new Target({ indicator: t.indicator as Target["indicator"], value: t.value }),
      ),
      // The project is about the integration coordination mechanism itself: its reports carry the review's counts.
      agreementsInScope: true,
    }),
  )
  // Invented institutions, people, events, attendance and dissemination (see ReachDemo.ts).
  yield* loadReachDemo(project.id)
  // An invented evaluation of the Ruse workshop, from paper forms (see EvaluationDemo.ts).
  yield* loadEvaluationDemo(project.id)
  // Certificates for everyone who attended the Ruse workshop (see CertificatesDemo.ts).
  yield* loadCertificatesDemo(project.id)
  // A1–A6 from the public facts, with invented dates (see PlanDemo.ts).
  yield* loadPlanDemo(project.id)
  // The interim report for Dec 2017 – Jun 2018 and the final report, queued for the worker.
  yield* queueDemoReports(project)
  // Synthetic beneficiaries, offers and agreements showing the bottleneck (see AgreementsDemo.ts).
  yield* loadAgreementsDemo
  // Six invented practices of the Ruse workshop's countries, a recommendation per level and a published manual (see PracticesDemo.ts).
  yield* loadPracticesDemo(project.id)
  return true
}).pipe(Effect.catchTag("ProjectCodeTaken", () => Effect.succeed(false)))
