/** Typed search parameters shared by a project's reach pages. */
import { DrillIndicator } from "@coordina/domain"
import { Schema } from "effect"

/** A calendar date in the URL, `YYYY-MM-DD`. */
export const DateParam = Schema.String.pipe(Schema.pattern(/^\d{4}-\d{2}-\d{2}$/))

/** The dashboard's search: the as-of date (today when absent). */
export const DashboardSearch = Schema.Struct({ asOf: Schema.optional(DateParam) })

/** The explorer's search: which figure, which bucket of a breakdown, as of when. */
export const ExplorerSearch = Schema.Struct({
  indicator: Schema.optional(DrillIndicator),
  bucket: Schema.optional(Schema.String),
  asOf: Schema.optional(DateParam),
})
