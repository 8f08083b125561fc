/**
 * A sheet's header: its columns, found by name in any order.
 * @module
 */
import { Either } from "effect"
import { SheetError } from "./Errors.js"

/** The columns of a sign-in sheet, in the order the template lists them. */
export const sheetColumns = [
  "given_name",
  "family_name",
  "email",
  "gender",
  "institution_id",
  "institution_name",
  "role",
  "days",
] as const
/** A column of a sign-in sheet. */
export type SheetColumn = (typeof sheetColumns)[number]

/** Where each column is in the sheet. */
export type ColumnIndex = { readonly [C in SheetColumn]: number }

/** A header cell as a column name: case, surrounding space and inner spaces or hyphens do not matter. */
export const columnName = (cell: string): string =>
  cell
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_")

const isColumn = (name: string): name is SheetColumn => (sheetColumns as ReadonlyArray<string>).includes(name)

/**
 * Finds every column in the header row. The order is free; every column must be there
 * exactly once, and nothing else (blank header cells, as Excel leaves them, are ignored).
 */
export const readHeader = (
  header: ReadonlyArray<string>,
): Either.Either<ColumnIndex, ReadonlyArray<SheetError>> => {
  const found = new Map<SheetColumn, number>()
  const errors: Array<SheetError> = []
  header.forEach((cell, i) => {
    const name = columnName(cell)
    if (name === "") return
    if (!isColumn(name)) {
      errors.push(
        new SheetError({
          row: 1,
          column: cell.trim(),
          message: `Unknown column "${cell.trim()}"; the columns are ${sheetColumns.join(", ")}.`,
        }),
      )
    } else if (found.has(name)) {
      errors.push(new SheetError({ row: 1, column: name, message: `The column ${name} appears twice.` }))
    } else {
      found.set(name, i)
    }
  })
  for (const column of sheetColumns)
    if (!found.has(column))
      errors.push(new SheetError({ row: 1, column, message: `The column ${column} is missing.` }))
  if (errors.length > 0) return Either.left(errors)
  return Either.right(Object.fromEntries(found) as ColumnIndex)
}
