/**
 * `POST /v1/events/{id}/sign-in-sheet`: the atomic import of an event's sign-in sheet.
 *
 * The body is the file itself (CSV or XLSX). Every row is checked before anything is stored;
 * one bad row rejects the sheet with 422 and every error, and nothing changes. `?dryRun=true`
 * answers the same preview without saving, so staff see who will be created or matched first.
 * @module
 */
import { makePacer, SheetImport } from "@coordina/app"
import { SheetRowOutcome, SignInSheetResult } from "@coordina/domain"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { respondJson } from "../http/Respond.js"
import { params, query } from "../http/Validate.js"
import { readSheetFile, xlsxType } from "../sheets/SheetFile.js"

const IdParam = Schema.Struct({ id: Schema.String })
const ImportQuery = Schema.Struct({
  dryRun: Schema.optional(
    Schema.BooleanFromString.annotations({ description: "true: answer the preview and store nothing" }),
  ),
})

const fileSchema = { type: "string", format: "binary" } as const

/** Rows of the answer encoded in one step, between which the answer may pause. */
const stepRows = 200
const encodeOutcomes = Schema.encodeSync(Schema.Array(SheetRowOutcome))
const encodeResult = Schema.encodeSync(SignInSheetResult)
/** How the encoded answer without rows ends: `people` is its last field. */
const noPeople = '"people":[]}'

/**
 * The answer encoded with its schema and written as JSON in pieces, its rows a slice at a time:
 * the answer to a 50,000-row sheet lists 50,000 people, and encoding or writing them in one go
 * would hold other requests up (and hold the whole text twice).
 */
const answerPieces = (result: SignInSheetResult) =>
  Effect.gen(function* () {
    const pace = makePacer()
    const rest = JSON.stringify(encodeResult({ ...result, people: [] }))
    if (!rest.endsWith(noPeople)) return yield* Effect.dieMessage("people is not the answer's last field")
    const pieces = [`${rest.slice(0, -noPeople.length)}"people":[`]
    for (let from = 0; from < result.people.length; from += stepRows) {
      // Each slice's JSON array without its brackets, after a comma from the second on.
      const rows = JSON.stringify(encodeOutcomes(result.people.slice(from, from + stepRows))).slice(1, -1)
      pieces.push(from === 0 ? rows : `,${rows}`)
      yield* pace
    }
    pieces.push("]}")
    return pieces
  })

/** The sign-in sheet route, part of the events sub-app. */
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
    // Parsed only once the service has checked the caller may import into this event.
    const sheet = Effect.suspend(() => readSheetFile(bytes, c.req.header("Content-Type")))
    return respondJson(
      c,
      Effect.flatMap(SheetImport, (s) =>
        s.run(c.var.principal, {
          eventId: c.req.valid("param").id,
          sheet,
          dryRun: c.req.valid("query").dryRun ?? false,
        }),
      ).pipe(Effect.flatMap(answerPieces)),
    )
  },
)
