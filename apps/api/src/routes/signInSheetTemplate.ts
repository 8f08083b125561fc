/**
 * `GET /v1/sign-in-sheets/template`: the sign-in sheet template to fill in, as CSV or XLSX,
 * built from the same column definitions the import reads.
 * @module
 */
import { Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { query } from "../http/Validate.js"
import { xlsxType } from "../sheets/SheetFile.js"
import { templateCsv, templateXlsx } from "../sheets/SheetTemplate.js"

const TemplateQuery = Schema.Struct({
  format: Schema.optional(Schema.Literal("csv", "xlsx").annotations({ description: "Default xlsx" })),
  lang: Schema.optional(
    Schema.Literal("bg", "en").annotations({
      description: "The language of the notes and the example; default bg",
    }),
  ),
})

/** The template sub-app, mounted at `/v1/sign-in-sheets`. */
export const signInSheetTemplateRoutes = new Hono<AppEnv>().get(
  "/template",
  describeRoute({
    tags: ["events"],
    summary: "Download the sign-in sheet template",
    description:
      "The columns the import reads, one example row and the allowed values (XLSX: a drop-down list on gender and role, notes on a second sheet; CSV: a row of allowed values). The example rows' given name begins with `#`: the import refuses such a row (422) rather than import a fake person, so delete them before uploading.",
    responses: {
      200: {
        description: "The template",
        content: {
          "text/csv": { schema: { type: "string" } },
          [xlsxType]: { schema: { type: "string", format: "binary" } },
        },
      },
      ...problems(400),
    },
  }),
  requires("events", "write"),
  query(TemplateQuery),
  async (c) => {
    const { format = "xlsx", lang = "bg" } = c.req.valid("query")
    const name = `sign-in-sheet-template-${lang}.${format}`
    const headers = { "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" }
    if (format === "csv")
      return c.body(templateCsv(lang), 200, { ...headers, "Content-Type": "text/csv; charset=utf-8" })
    return c.body(await templateXlsx(lang), 200, { ...headers, "Content-Type": xlsxType })
  },
)
