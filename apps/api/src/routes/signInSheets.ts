/**
 * `POST /v1/events/{id}/sign-in-sheet`: the atomic import of an event's sign-in sheet.
 *
 * The body is the file itself (CSV or XLSX). Every row is checked before anything is stored;
 * one bad row rejects the sheet with 422 and every error, and nothing changes. `?dryRun=true`
 * answers the same preview without saving, so staff see who will be created or matched first.
 * @module
 */
import {
  candidateKeys,
  EventNotFound,
  institutionReferences,
  planImport,
  readRows,
  rejectSheet,
  SignInSheetResult,
  summarisePlan,
} from "@coordina/domain"
import { AuditLog, newId, SignInSheetsRepository } from "@coordina/store"
import { Effect, Either, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, problems } from "../http/Docs.js"
import type { Principal } from "../http/Auth.js"
import { canSeeProject, requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { params, query } from "../http/Validate.js"
import { readSheetFile, type SheetTable, xlsxType } from "../sheets/SheetFile.js"

const IdParam = Schema.Struct({ id: Schema.String })
const ImportQuery = Schema.Struct({
  dryRun: Schema.optional(
    Schema.BooleanFromString.annotations({ description: "true: answer the preview and store nothing" }),
  ),
})

const fileSchema = { type: "string", format: "binary" } as const

/** Checks and plans a sheet, then (unless a dry run) stores it, all in one transaction. */
const importSheet = (eventId: string, table: SheetTable, dryRun: boolean, principal: Principal) =>
  Effect.gen(function* () {
    const repo = yield* SignInSheetsRepository
    const event = yield* repo.event(eventId)
    // An event of a project outside the caller's scope is not theirs to learn about.
    if (!canSeeProject(principal, event.projectId)) return yield* new EventNotFound({ eventId })
    const institutions = yield* repo.institutions(institutionReferences(table))
    const rows = readRows(table, { event, institutions })
    if (Either.isLeft(rows)) return yield* rejectSheet(rows.left)
    const known = yield* repo.known(eventId, candidateKeys(rows.right))
    const plan = planImport(
      rows.right,
      known,
      rows.right.map(() => newId("per")),
    )
    if (Either.isLeft(plan)) return yield* rejectSheet(plan.left)
    const result = summarisePlan(plan.right, dryRun)
    if (dryRun) return result
    const changes = yield* repo.apply(event, plan.right)
    yield* (yield* AuditLog).record({
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
  }).pipe(repoTransaction)

const repoTransaction = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  SignInSheetsRepository.pipe(Effect.flatMap((repo) => repo.transaction(effect)))

/** The sign-in sheet sub-app, mounted at `/v1/events` beside the events routes. */
export const signInSheetRoutes = new Hono<AppEnv>().post(
  "/:id/sign-in-sheet",
  describeRoute({
    tags: ["events"],
    summary: "Import a sign-in sheet",
    description:
      "The body is the sheet file: CSV (comma or semicolon separated; UTF-8 with or without BOM, or Windows-1251) or an XLSX workbook (first sheet). Columns: given_name, family_name, email, gender, institution_id, institution_name, role, days. Atomic: any bad row rejects the whole sheet with 422 and `errors: [{ row, column, message }]` (the header is row 1). Importing the same sheet twice changes nothing the second time.",
    requestBody: {
      required: true,
      content: {
        "text/csv": { schema: fileSchema },
        [xlsxType]: { schema: fileSchema },
        "application/octet-stream": { schema: fileSchema },
      },
    },
    responses: {
      200: jsonResponse(SignInSheetResult, "What the import did, or in a dry run would do"),
      ...problems(400, 404, 413, 422),
    },
  }),
  requires("events", "write"),
  params(IdParam),
  query(ImportQuery),
  async (c) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer())
    const dryRun = c.req.valid("query").dryRun ?? false
    return respond(
      c,
      readSheetFile(bytes, c.req.header("Content-Type")).pipe(
        Effect.flatMap((table) => importSheet(c.req.valid("param").id, table, dryRun, c.var.principal)),
      ),
      SignInSheetResult,
    )
  },
)
