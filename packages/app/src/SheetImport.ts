/**
 * The atomic import of an event's sign-in sheet: every row is checked before anything is stored,
 * one bad row rejects the sheet with every error, and nothing changes; a dry run answers the same
 * preview without saving. The sheet is parsed only once the caller may import into the event.
 *
 * A sheet may hold 50,000 rows. Its rows are checked and planned a slice at a time, with a pause
 * between slices, so an import never holds other requests up for more than a few milliseconds
 * at a time. Rows are checked before the import's transaction begins (a bad sheet never takes
 * it), and checked again inside it only if what they were checked against changed meanwhile.
 * @module
 */
import {
  candidateKeys,
  canSeeProject,
  EventNotFound,
  eventSpan,
  type ImportPlan,
  ImportPlanner,
  type InstitutionFacts,
  institutionReferences,
  type Project,
  reachExclusion,
  type KnownRecords,
  type Principal,
  type RowOutcome,
  type readRows,
  rejectSheet,
  type SheetInstitution,
  type SheetRow,
  SheetRowReader,
  summarisePlan,
} from "@coordina/domain"
import {
  AuditLog,
  ParticipationsRepository,
  ProjectsRepository,
  type SheetEventRecord,
  SignInSheetsRepository,
} from "@coordina/store"
import { Context, Effect, Either, Layer } from "effect"
import { Ids } from "./Ids.js"
import { Outbox } from "./Outbox.js"
import { makePacer } from "./Pause.js"
import { periodGuard } from "./PeriodLocks.js"

/** A parsed sheet: a header row and the rows below it, as the domain reads them. */
export type SheetTable = Parameters<typeof readRows>[0]

/** One import: the event, the parse of the uploaded file, and whether only to preview. */
export interface SheetUpload<E> {
  readonly eventId: string
  /** Parses the upload; run only after the caller's scope is checked (and again if need be). */
  readonly sheet: Effect.Effect<SheetTable, E>
  readonly dryRun: boolean
}

/** Rows checked or planned in one step, between which the import may pause: well under a millisecond of work. */
const stepRows = 100

/** What a sheet's rows were checked against: the event's dates and the institutions found. */
interface CheckedAgainst {
  readonly event: SheetEventRecord
  readonly references: { readonly ids: ReadonlyArray<string>; readonly names: ReadonlyArray<string> }
  readonly institutions: ReadonlyArray<SheetInstitution & InstitutionFacts>
}

/** The institutions as a comparable text, whatever order the store gave them in. */
const institutionsText = (institutions: ReadonlyArray<SheetInstitution>) =>
  institutions
    .map((i) => `${i.id}\u0000${i.name}`)
    .sort()
    .join("\u0001")

const make = Effect.gen(function* () {
  const sheets = yield* SignInSheetsRepository
  const auditLog = yield* AuditLog
  const ids = yield* Ids
  const guard = yield* periodGuard
  const projects = yield* ProjectsRepository
  const participations = yield* ParticipationsRepository
  const outbox = yield* Outbox

  /** Says of each planned row why it will not count toward the project's direct reach. */
  const reachJudge = (project: Project, against: CheckedAgainst) => {
    const facts = new Map<string, InstitutionFacts>(against.institutions.map((i) => [i.id, i]))
    const rules = {
      targetGroup: project.targetGroup,
      minimumAttendanceShare: project.minimumAttendanceShare,
      event: against.event,
    }
    return (o: RowOutcome) =>
      reachExclusion({ role: o.role, institution: facts.get(o.institutionId), days: o.days }, rules)
  }

  /** The preview's answer: the plan, with why each row will not count toward reach. */
  const preview = (plan: ImportPlan, against: CheckedAgainst) =>
    Effect.gen(function* () {
      const project = yield* projects.get(against.event.projectId).pipe(Effect.orDie)
      return summarisePlan(plan, true, reachJudge(project, against))
    })

  /**
   * Parses the upload and checks its rows against the event, a slice at a time, looking up the
   * institutions each slice names that no earlier slice did. The parsed table lives only here.
   */
  const checkRows = <E, F>(
    sheet: Effect.Effect<SheetTable, E>,
    event: SheetEventRecord,
    beforeRows: (tableRows: number) => Effect.Effect<void, F>,
  ) =>
    Effect.gen(function* () {
      const table = yield* sheet
      // A file that is no sheet is refused first, a locked period next, and bad rows last.
      yield* beforeRows(table.rows.length)
      const started = SheetRowReader.start(table.header, event)
      if (Either.isLeft(started)) return yield* rejectSheet(started.left)
      const reader = started.right
      const lookedUp = { ids: new Set<string>(), names: new Set<string>() }
      const institutions: Array<SheetInstitution & InstitutionFacts> = []
      const pace = makePacer()
      for (let from = 0; from < table.rows.length; from += stepRows) {
        const slice = table.rows.slice(from, from + stepRows)
        const named = institutionReferences({ header: table.header, rows: slice })
        const fresh = {
          ids: named.ids.filter((id) => !lookedUp.ids.has(id)),
          names: named.names.filter((name) => !lookedUp.names.has(name)),
        }
        if (fresh.ids.length > 0 || fresh.names.length > 0) {
          for (const id of fresh.ids) lookedUp.ids.add(id)
          for (const name of fresh.names) lookedUp.names.add(name)
          const found = yield* sheets.institutions(fresh)
          reader.addInstitutions(found)
          institutions.push(...found)
        }
        reader.read(slice, from)
        yield* pace
      }
      const rows = reader.result()
      if (Either.isLeft(rows)) return yield* rejectSheet(rows.left)
      const against: CheckedAgainst = {
        event,
        references: { ids: [...lookedUp.ids], names: [...lookedUp.names] },
        institutions,
      }
      return { rows: rows.right, against, tableRows: table.rows.length }
    })

  /** Whether the event and the institutions the rows were checked against are still the same. */
  const unchanged = (against: CheckedAgainst, event: SheetEventRecord) =>
    Effect.gen(function* () {
      if (event.startDate !== against.event.startDate || event.endDate !== against.event.endDate) return false
      const now = yield* sheets.institutions(against.references)
      return institutionsText(now) === institutionsText(against.institutions)
    })

  /** Plans the rows against the records on file, a slice at a time. */
  const planRows = (rows: ReadonlyArray<SheetRow>, known: KnownRecords) =>
    Effect.gen(function* () {
      const planner = new ImportPlanner(known)
      const pace = makePacer()
      for (let from = 0; from < rows.length; from += stepRows) {
        const slice = rows.slice(from, from + stepRows)
        planner.add(slice, yield* Effect.forEach(slice, () => ids.next("per")))
        yield* pace
      }
      const plan = planner.result()
      if (Either.isLeft(plan)) return yield* rejectSheet(plan.left)
      return plan.right
    })

  /** Plans the rows against the people on file who share a key with them and the event's participations. */
  const planAgainstKnown = (eventId: string, rows: ReadonlyArray<SheetRow>) =>
    Effect.flatMap(sheets.known(eventId, candidateKeys(rows)), (known) => planRows(rows, known))

  /** Imports (or previews) a sign-in sheet for an event of the caller's projects. */
  const run = Effect.fn("SheetImport.run")(function* <E>(principal: Principal, upload: SheetUpload<E>) {
    const { eventId, dryRun } = upload
    const found = yield* sheets.event(eventId)
    // An event of a project outside the caller's scope is not theirs to learn about.
    if (!canSeeProject(principal, found.projectId)) return yield* new EventNotFound({ eventId })
    const guarded = (event: SheetEventRecord, tableRows: number, preview: boolean) =>
      guard({
        projectId: event.projectId,
        span: eventSpan(event),
        actor: principal.id,
        entity: `event:${eventId}`,
        change: `imported a sign-in sheet of ${tableRows} rows into event ${eventId}`,
        dryRun: preview,
      })
    // Outside the transaction the guard only refuses a locked period; inside, it holds the
    // project and records the revision.
    const { against, tableRows, ...held } = yield* checkRows(upload.sheet, found, (tableRows) =>
      guarded(found, tableRows, true),
    )
    // Once planned, only the plan is needed: the rows are handed over and let go (no variable
    // here keeps them), so a 50,000-row sheet's rows are not held through all of its writes.
    const takeRows = () => {
      const rows = held.rows
      held.rows = []
      return rows
    }
    if (dryRun) {
      // A preview writes nothing, so it takes no transaction (and holds no connection) at all.
      return yield* preview(yield* planAgainstKnown(eventId, takeRows()), against)
    }
    return yield* sheets.transaction(
      Effect.gen(function* () {
        const event = yield* sheets.event(eventId)
        yield* guarded(event, tableRows, false)
        const plan = yield* (yield* unchanged(against, event))
          ? Effect.suspend(() => planAgainstKnown(eventId, takeRows()))
          : Effect.flatMap(
              checkRows(upload.sheet, event, () => Effect.void),
              (rechecked) => {
                takeRows()
                return planAgainstKnown(eventId, rechecked.rows)
              },
            )
        const participationIds = yield* Effect.forEach(plan.createParticipations, () => ids.next("par"))
        const changes = yield* sheets.apply(event, plan, participationIds)
        // An updated participation's days grew by the sheet's: its whole record is what is sent.
        const updated = yield* Effect.forEach(
          plan.updateParticipations.filter((p) => p.days.length > 0),
          (p) => participations.get(eventId, p.personId).pipe(Effect.orDie),
        )
        yield* outbox.publishMany("participation.attended", [
          ...plan.createParticipations.flatMap((p, i) =>
            p.days.length === 0
              ? []
              : [
                  {
                    participationId: participationIds[i]!,
                    eventId,
                    personId: p.personId,
                    attendedDays: p.days,
                  },
                ],
          ),
          ...updated.map((p) => ({
            participationId: p.id,
            eventId,
            personId: p.personId,
            attendedDays: p.attendedDays,
          })),
        ])
        yield* auditLog.record({
          actor: principal.id,
          action: "import_sign_in_sheet",
          entity: `event:${eventId}`,
          after: {
            rows: plan.rows,
            peopleCreated: plan.createPeople.map((p) => p.id),
            peopleUpdated: changes.peopleUpdated,
            participationsCreated: plan.createParticipations.map((p) => p.personId),
            participationsUpdated: changes.participationsUpdated,
            possibleDuplicates: plan.possibleDuplicates.map((d) => ({
              personId: d.personId,
              candidates: d.candidates.map((c) => c.personId),
            })),
          },
        })
        return summarisePlan(plan, false)
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
