/**
 * `POST /v1/events/{id}/sign-in-sheet`: the atomic import of an event's sign-in sheet.
 *
 * The body is the file itself (CSV or XLSX). Every row is checked before anything is stored;
 * one bad row rejects the sheet with 422 and every error, and nothing changes. `?dryRun=true`
 * answers the same preview without saving, so staff see who will be created or matched first.
 * @module
 */
import { makePacer, SheetImport } from "@coordina/app"
import { type SheetRowOutcome, SignInSheetResult } from "@coordina/domain"
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
type Outcome = typeof SheetRowOutcome.Type
/** Every field of an outcome, in its schema's order. */
const outcomeFields = [
  "row",
  "outcome",
  "personId",
  "matchedBy",
  "givenName",
  "familyName",
  "institutionId",
  "notCounted",
] as const satisfies ReadonlyArray<keyof Outcome>
// Compile-time guards for `outcomesJson`: no field of the schema is left out, and the schema
// transforms nothing (its encoded form is its type).
const allFields: [Exclude<keyof Outcome, (typeof outcomeFields)[number]>] extends [never] ? true : never =
  true
const plainForm: [Outcome, typeof SheetRowOutcome.Encoded] extends [typeof SheetRowOutcome.Encoded, Outcome]
  ? true
  : never = true
void allFields
void plainForm

/**
 * The JSON of outcomes, the text their schema's encoding would give (the test says so): the
 * schema only keeps its fields, which are plain values, so they are copied in its order and
 * written directly. Encoding 50,000 outcomes through the schema took a tenth of an import.
 */
export const outcomesJson = (outcomes: ReadonlyArray<Outcome>): string => {
  const plain = outcomes.map((o) => {
    const out: Record<string, unknown> = {}
    for (const field of outcomeFields) if (o[field] !== undefined) out[field] = o[field]
    return out
  })
  return JSON.stringify(plain)
}
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
      const rows = outcomesJson(result.people.slice(from, from + stepRows)).slice(1, -1)
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
