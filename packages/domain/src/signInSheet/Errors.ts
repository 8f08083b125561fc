/**
 * What is wrong with a sheet: errors by row and column, and the refusals of a whole sheet.
 * @module
 */
import { Schema } from "effect"

/** One thing wrong with a sheet. `row` 0 means the file as a whole; the header is row 1. */
export class SheetError extends Schema.Class<SheetError>("SheetError")({
  row: Schema.Int.pipe(Schema.greaterThanOrEqualTo(0)),
  column: Schema.String,
  message: Schema.String,
}) {}

/** A sheet refused as a whole, with every error found in it; nothing from it is stored. */
export class SignInSheetRejected extends Schema.TaggedError<SignInSheetRejected>()("SignInSheetRejected", {
  errors: Schema.Array(SheetError),
  message: Schema.String,
}) {}

/** The rejection of a sheet for the given errors, with a one-line summary. */
export const rejectSheet = (errors: ReadonlyArray<SheetError>): SignInSheetRejected =>
  new SignInSheetRejected({
    errors,
    message:
      errors.length === 1
        ? `The sheet has an error; nothing from it was stored: ${errors[0]!.message}`
        : `The sheet has ${errors.length} errors; nothing from it was stored.`,
  })

/** A file-level error (row 0), for a body that is not a sheet at all. */
export const fileError = (message: string): SheetError => new SheetError({ row: 0, column: "", message })

/**
 * A sheet refused before it was read to the end because it passes a limit of its size (rows,
 * columns, a cell's length, its unpacked size, …): `limit` names it and `maximum` is its value.
 */
export class SheetTooLarge extends Schema.TaggedError<SheetTooLarge>()("SheetTooLarge", {
  limit: Schema.Literal("rows", "columns", "cellLength", "rowBytes", "unpackedBytes", "sharedStrings"),
  maximum: Schema.Int,
  row: Schema.optional(Schema.Int),
  message: Schema.String,
}) {}
