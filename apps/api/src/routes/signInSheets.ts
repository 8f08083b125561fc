/**
 * `POST /v1/events/{id}/sign-in-sheet`: the atomic import of an event's sign-in sheet.
 *
 * The body is the file itself (CSV or XLSX). Every row is checked before anything is stored;
 * one bad row rejects the sheet with 422 and every error, and nothing changes. `?dryRun=true`
 * answers the same preview without saving, so staff see who will be created or matched first.
 * @module
 */
import { pause, SheetImport } from "@coordina/app"
import { SheetRowOutcome, SignInSheetResult } from "@coordina/domain"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { respondEncoded } from "../http/Respond.js"
import { params, query } from "../http/Validate.js"
import { readSheetFile, xlsxType } from "../sheets/SheetFile.js"

const IdParam = Schema.Struct({ id: Schema.String })
const ImportQuery = Schema.Struct({
  dryRun: Schema.optional(
    Schema.BooleanFromString.annotations({ description: "true: answer the preview and store nothing" }),
  ),
})

const fileSchema = { type: "string", format: "binary" } as const

/** Rows of the answer encoded between two pauses. */
const encodeSlice = 2_000
const encodeOutcomes = Schema.encodeSync(Schema.Array(SheetRowOutcome))
const encodeResult = Schema.encodeSync(SignInSheetResult)

/**
 * Encodes the answer with its schema, its rows a slice at a time: the answer to a 50,000-row
 * sheet lists 50,000 people, and encoding them in one go would hold other requests up.
 */
const encodeInSlices = (result: SignInSheetResult) =>
  Effect.gen(function* () {
    const people: Array<typeof SheetRowOutcome.Encoded> = []
    for (let from = 0; from < result.people.length; from += encodeSlice) {
      people.push(...encodeOutcomes(result.people.slice(from, from + encodeSlice)))
      yield* pause
    }
    return { ...encodeResult({ ...result, people: [] }), people }
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
    return respondEncoded(
      c,
      Effect.flatMap(SheetImport, (s) =>
        s.run(c.var.principal, {
          eventId: c.req.valid("param").id,
          sheet,
          dryRun: c.req.valid("query").dryRun ?? false,
        }),
      ).pipe(Effect.flatMap(encodeInSlices)),
    )
  },
)
