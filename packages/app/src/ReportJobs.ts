/**
 * Report generation as the worker runs it. A worker claims one queued generation (or one whose
 * worker died: its lease ran out), computes the content through `ReportContents`, and either
 * finds it equal to the key's latest version (then the generation points at that version and
 * its files) or renders every format, stores the files and marks the version ready, all in one
 * transaction: a worker killed at any moment leaves no half report, and the next claim starts
 * the job again. Each step records progress and renews the lease; a worker that lost its lease
 * can change nothing. Scheduled generations are queued under a key per (project, kind, period),
 * so however many workers see a firing, one job is queued.
 * @module
 */
import { createHash } from "node:crypto"
import {
  canonicalJson,
  contentChanges,
  type IsoDate,
  type ReportDocument,
  reportFormats,
  scheduledPeriod,
  todayIn,
} from "@coordina/domain"
import { mediaTypes, render } from "@coordina/reports"
import {
  FileStorage,
  ProjectsRepository,
  type ReportFileRef,
  type ReportRow,
  ReportsRepository,
} from "@coordina/store"
import { Context, Cron, Data, Effect, Either, Layer, Option } from "effect"
import { nextId } from "./Ids.js"
import { Outbox } from "./Outbox.js"
import { ReportContents } from "./ReportContents.js"
import { transaction } from "./Transaction.js"

/** How a worker runs generations. */
export interface JobOptions {
  /** Names the worker in claims (host and process id). */
  readonly worker: string
  /** How long a claim holds without a progress step. */
  readonly leaseSeconds: number
  /** Claims of one generation before it is given up as failed. */
  readonly maxAttempts: number
  /** A pause after each step: lets tests stop a worker in the middle of a job. */
  readonly stepDelayMs?: number
}

/** The worker lost its claim (its lease ran out and another worker took the job). */
class ClaimLost extends Data.TaggedError("ClaimLost") {}
/** Another generation of the same key took the version number first. */
class VersionTaken extends Data.TaggedError("VersionTaken") {}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex")

const make = Effect.gen(function* () {
  const reports = yield* ReportsRepository
  const projects = yield* ProjectsRepository
  const contents = yield* ReportContents
  const files = yield* FileStorage
  const outbox = yield* Outbox

  const publishReady = (row: ReportRow, version: number) =>
    outbox.publish("report.ready", {
      reportId: row.id,
      projectId: row.projectId,
      kind: row.kind,
      periodStart: row.periodStart,
      periodEnd: row.periodEnd,
      version,
    })

  const instant = (offsetMs = 0) =>
    Effect.map(
      Effect.clockWith((c) => c.currentTimeMillis),
      (ms) => new Date(ms + offsetMs).toISOString(),
    )

  const generate = (row: ReportRow, options: JobOptions) =>
    Effect.gen(function* () {
      const step = (percent: number, name: string) =>
        Effect.gen(function* () {
          const held = yield* reports.progress(
            row.id,
            options.worker,
            percent,
            name,
            yield* instant(options.leaseSeconds * 1000),
          )
          if (!held) return yield* new ClaimLost()
          if (options.stepDelayMs) yield* Effect.sleep(options.stepDelayMs)
        })
      const project = yield* projects.get(row.projectId).pipe(Effect.orDie)
      const period = { start: row.periodStart, end: row.periodEnd }
      const content = yield* contents.compute(project, row.kind, period, (p, s) =>
        step(p, s).pipe(Effect.orDie),
      )
      const canonical = canonicalJson(content)
      const contentHash = sha256(canonical)
      const latest = yield* reports.latestVersion(row)
      const readyAt = yield* instant()
      if (Option.isSome(latest) && latest.value.row.contentHash === contentHash) {
        const same = latest.value.row
        // Ready and its event commit together: an integrator hears of exactly the ready reports.
        return yield* transaction(
          Effect.gen(function* () {
            const outcome = yield* reports.complete(row.id, options.worker, {
              version: same.version,
              contentHash,
              content: canonical,
              changes: [],
              sameAs: same.id,
              files: same.files ?? [],
              readyAt,
            })
            if (outcome !== "done") return yield* new ClaimLost()
            yield* publishReady(row, same.version)
          }),
        )
      }
      const version = Option.match(latest, { onNone: () => 1, onSome: (l) => l.row.version + 1 })
      const document: ReportDocument = { ...content, version, language: row.language, generatedAt: readyAt }
      const rendered: Array<{ format: (typeof reportFormats)[number]; bytes: Uint8Array }> = []
      for (const [i, format] of reportFormats.entries()) {
        yield* step(70 + i * 7, `writing ${format}`)
        rendered.push({ format, bytes: yield* Effect.promise(() => render(document, format)) })
      }
      yield* step(98, "storing files")
      const changes = Option.match(latest, {
        onNone: () => [],
        onSome: (l) => contentChanges(JSON.parse(l.content), JSON.parse(canonical)),
      })
      yield* transaction(
        Effect.gen(function* () {
          const refs: Array<ReportFileRef> = []
          for (const r of rendered) {
            const stored = yield* files.put(r.bytes, { mediaType: mediaTypes[r.format] }).pipe(Effect.orDie)
            refs.push({
              format: r.format,
              fileId: stored.id,
              size: stored.size,
              sha256: stored.sha256,
              mediaType: stored.mediaType,
            })
          }
          const outcome = yield* reports.complete(row.id, options.worker, {
            version,
            contentHash,
            content: canonical,
            changes,
            sameAs: undefined,
            files: refs,
            readyAt,
          })
          if (outcome === "taken") return yield* new VersionTaken()
          if (outcome === "lost") return yield* new ClaimLost()
          yield* publishReady(row, version)
        }),
      )
    })

  /** Claims and runs one generation; whether there was one. */
  const runNext = Effect.fn("ReportJobs.runNext")(function* (options: JobOptions) {
    const now = yield* instant()
    yield* reports.failExhausted(now, options.maxAttempts)
    const claimed = yield* reports.claim(
      options.worker,
      now,
      yield* instant(options.leaseSeconds * 1000),
      options.maxAttempts,
    )
    if (Option.isNone(claimed)) return false
    const row = claimed.value
    yield* Effect.logInfo(
      `report ${row.id} (${row.kind} ${row.periodStart}–${row.periodEnd}): claimed by ${options.worker}`,
    )
    yield* generate(row, options).pipe(
      Effect.catchTags({
        ClaimLost: () => Effect.logWarning(`report ${row.id}: the claim was lost; another worker has it`),
        VersionTaken: () => reports.release(row.id, options.worker),
      }),
      Effect.catchAllDefect((defect) =>
        Effect.logError(`report ${row.id} failed`, defect).pipe(
          Effect.zipRight(
            reports.fail(row.id, options.worker, defect instanceof Error ? defect.message : String(defect)),
          ),
        ),
      ),
    )
    return true
  })

  /** Queues the scheduled reports whose latest firing at or before `now` has not been queued yet. */
  const enqueueDue = Effect.fn("ReportJobs.enqueueDue")(function* (now: Date) {
    let queued = 0
    for (const s of yield* reports.allSchedules) {
      const cron = Cron.parse(s.cron, s.timeZone)
      if (Either.isLeft(cron)) continue
      const firing = Cron.prev(cron.right, new Date(now.getTime() + 1))
      // A schedule reports from the first firing after it was set, never on firings before it.
      if (firing.toISOString() < s.createdAt) continue
      const project = yield* projects.get(s.projectId).pipe(Effect.orDie)
      const period = scheduledPeriod(
        project,
        s.kind,
        s.period,
        todayIn(s.timeZone, firing.getTime()) as IsoDate,
      )
      if (!period) continue
      const language = "bg" as const
      const key = `${s.projectId}|${s.kind}|${period.start}|${period.end}|${language}`
      const latest = yield* reports.latestVersion({
        projectId: s.projectId,
        kind: s.kind,
        periodStart: period.start,
        periodEnd: period.end,
        language,
      })
      const added = yield* reports.enqueue({
        id: yield* nextId("rpt"),
        projectId: s.projectId,
        kind: s.kind,
        periodStart: period.start,
        periodEnd: period.end,
        language,
        version: Option.match(latest, { onNone: () => 1, onSome: (l) => l.row.version + 1 }),
        scheduleKey: key,
        requestedBy: "worker:schedule",
        requestedAt: firing.toISOString(),
      })
      if (Option.isSome(added)) queued++
    }
    return queued
  })

  return { runNext, enqueueDue } as const
})

/** Report generation for the worker. */
export class ReportJobs extends Context.Tag("@coordina/app/ReportJobs")<
  ReportJobs,
  Effect.Effect.Success<typeof make>
>() {
  /** The service over the store. */
  static readonly layer = Layer.effect(ReportJobs, make).pipe(Layer.provide(ReportContents.layer))
}
