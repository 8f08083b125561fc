/**
 * The atomic import of an event's sign-in sheet: every row is checked before anything is stored,
 * one bad row rejects the sheet with every error, and nothing changes; a dry run answers the same
 * preview without saving. The sheet is parsed only once the caller may import into the event.
 * @module
 */
import {
  candidateKeys,
  canSeeProject,
  EventNotFound,
  eventSpan,
  institutionReferences,
  planImport,
  type Principal,
  readRows,
  rejectSheet,
  summarisePlan,
} from "@coordina/domain"
import { AuditLog, SignInSheetsRepository } from "@coordina/store"
import { Context, Effect, Either, Layer } from "effect"
import { Ids } from "./Ids.js"
import { periodGuard } from "./PeriodLocks.js"

/** A parsed sheet: a header row and the rows below it, as the domain reads them. */
export type SheetTable = Parameters<typeof readRows>[0]

/** One import: the event, the parse of the uploaded file, and whether only to preview. */
export interface SheetUpload<E> {
  readonly eventId: string
  /** Parses the upload; run only after the caller's scope is checked. */
  readonly sheet: Effect.Effect<SheetTable, E>
  readonly dryRun: boolean
}

const make = Effect.gen(function* () {
  const sheets = yield* SignInSheetsRepository
  const auditLog = yield* AuditLog
  const ids = yield* Ids
  const guard = yield* periodGuard

  /** Imports (or previews) a sign-in sheet for an event of the caller's projects. */
  const run = Effect.fn("SheetImport.run")(function* <E>(principal: Principal, upload: SheetUpload<E>) {
    const { eventId, dryRun } = upload
    const found = yield* sheets.event(eventId)
    // An event of a project outside the caller's scope is not theirs to learn about.
    if (!canSeeProject(principal, found.projectId)) return yield* new EventNotFound({ eventId })
    const table = yield* upload.sheet
    return yield* sheets.transaction(
      Effect.gen(function* () {
        const event = yield* sheets.event(eventId)
        yield* guard({
          projectId: event.projectId,
          span: eventSpan(event),
          actor: principal.id,
          entity: `event:${eventId}`,
          change: `imported a sign-in sheet of ${table.rows.length} rows into event ${eventId}`,
          dryRun,
        })
        const institutions = yield* sheets.institutions(institutionReferences(table))
        const rows = readRows(table, { event, institutions })
        if (Either.isLeft(rows)) return yield* rejectSheet(rows.left)
        const known = yield* sheets.known(eventId, candidateKeys(rows.right))
        const personIds = yield* Effect.forEach(rows.right, () => ids.next("per"))
        const plan = planImport(rows.right, known, personIds)
        if (Either.isLeft(plan)) return yield* rejectSheet(plan.left)
        const result = summarisePlan(plan.right, dryRun)
        if (dryRun) return result
        const changes = yield* sheets.apply(event, plan.right)
        yield* auditLog.record({
          actor: principal.id,
          action: "import_sign_in_sheet",
          entity: `event:${eventId}`,
          after: {
            rows: plan.right.rows,
            peopleCreated: plan.right.createPeople.map((p) => p.id),
            peopleUpdated: changes.peopleUpdated,
            participationsCreated: plan.right.createParticipations.map((p) => p.personId),
            participationsUpdated: changes.participationsUpdated,
            possibleDuplicates: plan.right.possibleDuplicates.map((d) => ({
              personId: d.personId,
              candidates: d.candidates.map((c) => c.personId),
            })),
          },
        })
        return result
      }),
    )
  })

  return { run } as const
})

/** The sign-in sheet import. */
export class SheetImport extends Context.Tag("@coordina/app/SheetImport")<
  SheetImport,
  Effect.Effect.Success<typeof make>
>() {
  /** Over the store, the audit log and the ids. */
  static readonly layer = Layer.effect(SheetImport, make)
}
