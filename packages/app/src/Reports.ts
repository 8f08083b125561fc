/**
 * Funder reports as the API serves them: queue a generation (202; the worker produces it), list
 * and read versions, download a ready file (checked against its SHA-256 while it streams), and a
 * project's schedules. Every call checks that the caller may see the project.
 * @module
 */
import {
  canSeeProject,
  type Principal,
  ProjectNotFound,
  type ReportFormat,
  ReportNotFound,
  ReportNotReady,
  type ReportRequest,
  ReportRequestInvalid,
  type ReportSchedules,
  type ReportView,
  requestedPeriod,
  defaultScheduleZone,
  scheduleProblems,
  type PathProblem,
  ReportAlreadySubmitted,
  ReportFileAltered,
  ReportOutdated,
  canonicalJson,
} from "@coordina/domain"
import {
  AuditLog,
  FileStorage,
  PeriodLocksRepository,
  ProjectsRepository,
  type ReportFileRef,
  type ReportRow,
  ReportsRepository,
} from "@coordina/store"
import { createHash } from "node:crypto"
import { Context, Effect, Layer, Option, Stream } from "effect"
import { nextId } from "./Ids.js"
import { ReportContents } from "./ReportContents.js"
import { nowIso } from "./Today.js"
import { transaction } from "./Transaction.js"

/** The API's view of a stored generation. */
export const toReportView = (r: ReportRow): ReportView => ({
  id: r.id,
  projectId: r.projectId,
  kind: r.kind,
  periodStart: r.periodStart,
  periodEnd: r.periodEnd,
  language: r.language,
  version: r.version,
  status: r.status,
  progress: { percent: r.percent, step: r.step },
  requestedAt: r.requestedAt,
  scheduled: r.scheduleKey !== undefined,
  ...(r.readyAt ? { readyAt: r.readyAt } : {}),
  ...(r.status === "ready" && r.files
    ? {
        formats: r.files.map((f) => f.format),
        files: r.files.map(({ format, size, sha256, mediaType }) => ({ format, size, sha256, mediaType })),
      }
    : {}),
  ...(r.contentHash ? { contentHash: r.contentHash } : {}),
  ...(r.changes
    ? {
        changes: (r.changes as ReadonlyArray<{ path: string; before?: unknown; after?: unknown }>).map(
          (c) => ({
            path: c.path,
            ...("before" in c ? { before: JSON.stringify(c.before) } : {}),
            ...("after" in c ? { after: JSON.stringify(c.after) } : {}),
          }),
        ),
      }
    : {}),
  ...(r.sameAs ? { sameAs: r.sameAs } : {}),
  ...(r.error ? { error: r.error } : {}),
  ...(r.submittedAt ? { submittedAt: r.submittedAt } : {}),
  ...(r.submittedBy ? { submittedBy: r.submittedBy } : {}),
  ...(r.submitNote ? { submitNote: r.submitNote } : {}),
  ...(r.lockId ? { lockId: r.lockId } : {}),
})

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex")

const invalid = (problems: ReadonlyArray<PathProblem>) =>
  new ReportRequestInvalid({ message: problems.map((p) => p.message).join("; "), errors: problems })

const make = Effect.gen(function* () {
  const projects = yield* ProjectsRepository
  const reports = yield* ReportsRepository
  const files = yield* FileStorage
  const audit = yield* AuditLog
  const locks = yield* PeriodLocksRepository
  const contents = yield* ReportContents

  const visibleProject = (principal: Principal, projectId: string) =>
    canSeeProject(principal, projectId)
      ? projects.get(projectId)
      : Effect.fail(new ProjectNotFound({ projectId }))

  const visibleReport = (principal: Principal, id: string) =>
    reports.get(id).pipe(
      Effect.flatMap(
        Option.match({
          onNone: () => Effect.fail(new ReportNotFound({ reportId: id })),
          onSome: (r) =>
            canSeeProject(principal, r.projectId)
              ? Effect.succeed(r)
              : Effect.fail(new ReportNotFound({ reportId: id })),
        }),
      ),
    )

  /** Queues a generation; the version it will make is the next one (or the last one, if nothing changed). */
  const request = Effect.fn("Reports.request")(function* (
    principal: Principal,
    projectId: string,
    input: ReportRequest,
  ) {
    const project = yield* visibleProject(principal, projectId)
    const checked = requestedPeriod(project, input)
    if ("problems" in checked) return yield* invalid(checked.problems)
    const language = input.language ?? "bg"
    const key = {
      projectId,
      kind: input.kind,
      periodStart: checked.period.start,
      periodEnd: checked.period.end,
      language,
    }
    const id = yield* nextId("rpt")
    const now = yield* nowIso
    return yield* transaction(
      Effect.gen(function* () {
        const latest = yield* reports.latestVersion(key)
        const queued = yield* reports.enqueue({
          id,
          ...key,
          version: Option.match(latest, { onNone: () => 1, onSome: (l) => l.row.version + 1 }),
          requestedBy: principal.id,
          requestedAt: now,
        })
        const row = Option.getOrThrow(queued)
        yield* audit.record({
          actor: principal.id,
          action: "create",
          entity: `report:${id}`,
          after: toReportView(row),
        })
        return toReportView(row)
      }),
    )
  })

  /** A project's reports, newest first, grouped by (kind, period, language) with their versions. */
  const list = Effect.fn("Reports.list")(function* (principal: Principal, projectId: string) {
    yield* visibleProject(principal, projectId)
    const rows = yield* reports.listByProject(projectId)
    const groups = new Map<string, Array<ReportView>>()
    for (const r of rows) {
      const k = `${r.kind}|${r.periodStart}|${r.periodEnd}|${r.language}`
      const list = groups.get(k)
      if (list) list.push(toReportView(r))
      else groups.set(k, [toReportView(r)])
    }
    return [...groups.values()].map((versions) => ({
      kind: versions[0]!.kind,
      periodStart: versions[0]!.periodStart,
      periodEnd: versions[0]!.periodEnd,
      language: versions[0]!.language,
      versions,
    }))
  })

  const get = Effect.fn("Reports.get")(function* (principal: Principal, id: string) {
    return toReportView(yield* visibleReport(principal, id))
  })

  /**
   * Reads the stored file once, hashing it chunk by chunk, against the SHA-256 recorded on the
   * report when it was generated: an altered or missing file is a defect to log, and the caller
   * gets a problem instead of bytes that are not the report.
   */
  const verify = (report: ReportRow, file: ReportFileRef) =>
    Effect.gen(function* () {
      const hash = createHash("sha256")
      const read = yield* files.read(file.fileId).pipe(
        Stream.runForEach((chunk) => Effect.sync(() => hash.update(chunk))),
        Effect.either,
      )
      const digest = hash.digest("hex")
      if (read._tag === "Right" && digest === file.sha256) return
      yield* Effect.logError(
        `report ${report.id}: its ${file.format} file ${file.fileId} does not match the SHA-256 recorded at generation`,
        {
          recorded: file.sha256,
          read: read._tag === "Right" ? digest : "refused by the storage's own check",
        },
      )
      return yield* new ReportFileAltered({
        message: `The stored ${file.format} file no longer matches the checksum recorded when the report was generated; nothing was sent and the defect is logged.`,
        reportId: report.id,
        format: file.format,
      })
    })

  /** A ready report's file, checked against its recorded SHA-256, then streamed; 409 until it is ready. */
  const download = Effect.fn("Reports.download")(function* (
    principal: Principal,
    id: string,
    format: ReportFormat,
  ) {
    const report = yield* visibleReport(principal, id)
    const file = report.status === "ready" ? report.files?.find((f) => f.format === format) : undefined
    if (!file) return yield* new ReportNotReady({ reportId: id, currentStatus: report.status })
    yield* verify(report, file)
    return { report, file, stream: files.read(file.fileId) }
  })

  /**
   * Submits a ready version: records who and when, and locks the project's records dated in its
   * period, in one transaction that holds the project's row, so no write of the period commits
   * after the lock without meeting it.
   */
  const submit = Effect.fn("Reports.submit")(function* (
    principal: Principal,
    id: string,
    note: string | undefined,
  ) {
    const lockId = yield* nextId("lck")
    const at = yield* nowIso
    return yield* transaction(
      Effect.gen(function* () {
        const found = yield* visibleReport(principal, id)
        yield* locks.holdForLocking(found.projectId)
        const report = Option.getOrElse(yield* reports.get(id), () => found)
        if (report.status !== "ready")
          return yield* new ReportNotReady({ reportId: id, currentStatus: report.status })
        if (report.submittedAt !== undefined)
          return yield* new ReportAlreadySubmitted({ reportId: id, submittedAt: report.submittedAt })
        // Computed again while the project's row is held: what is locked is exactly what was reported.
        const project = yield* projects.get(report.projectId).pipe(Effect.orDie)
        const now = yield* contents.compute(project, report.kind, {
          start: report.periodStart,
          end: report.periodEnd,
        })
        if (sha256(canonicalJson(now)) !== report.contentHash)
          return yield* new ReportOutdated({
            message:
              "The records changed since this version was generated; generate the report again and submit the new version.",
            reportId: id,
          })
        yield* locks.create({
          id: lockId,
          projectId: report.projectId,
          reportId: id,
          periodStart: report.periodStart,
          periodEnd: report.periodEnd,
          lockedAt: at,
          lockedBy: principal.id,
        })
        yield* reports.submit(id, { by: principal.id, at, note, lockId })
        const after = toReportView(Option.getOrThrow(yield* reports.get(id)))
        yield* audit.record({
          actor: principal.id,
          action: "submit",
          entity: `report:${id}`,
          before: toReportView(report),
          after,
        })
        return after
      }),
    )
  })

  const schedules = Effect.fn("Reports.schedules")(function* (principal: Principal, projectId: string) {
    yield* visibleProject(principal, projectId)
    const rows = yield* reports.schedules(projectId)
    return {
      schedules: rows.map((s) => ({ kind: s.kind, cron: s.cron, timeZone: s.timeZone, period: s.period })),
    }
  })

  const replaceSchedules = Effect.fn("Reports.replaceSchedules")(function* (
    principal: Principal,
    projectId: string,
    input: ReportSchedules,
  ) {
    yield* visibleProject(principal, projectId)
    const problems = scheduleProblems(input.schedules)
    if (problems.length > 0) return yield* invalid(problems)
    const now = yield* nowIso
    return yield* transaction(
      Effect.gen(function* () {
        const before = yield* schedules(principal, projectId)
        yield* reports.replaceSchedules(
          projectId,
          input.schedules.map((s) => ({
            kind: s.kind,
            cron: s.cron,
            timeZone: s.timeZone ?? defaultScheduleZone,
            period: s.period,
            createdAt: now,
          })),
        )
        const after = yield* schedules(principal, projectId)
        yield* audit.record({
          actor: principal.id,
          action: "update",
          entity: `report-schedules:${projectId}`,
          before,
          after,
        })
        return after
      }),
    )
  })

  return { request, list, get, download, submit, schedules, replaceSchedules } as const
})

/** Funder reports' use cases for the API. */
export class Reports extends Context.Tag("@coordina/app/Reports")<
  Reports,
  Effect.Effect.Success<typeof make>
>() {
  /** The service over the store. */
  static readonly layer = Layer.effect(Reports, make).pipe(Layer.provide(ReportContents.layer))
}
