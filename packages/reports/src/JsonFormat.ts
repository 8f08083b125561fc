/**
 * The JSON format: the report's document as data, encoded with its schema.
 * @module
 */
import { ReportDocument } from "@coordina/domain"
import { Schema } from "effect"

const encode = Schema.encodeSync(ReportDocument)

/** The report as UTF-8 JSON. */
export const renderJson = (document: ReportDocument): Uint8Array =>
  new TextEncoder().encode(`${JSON.stringify(encode(document), null, 2)}\n`)
