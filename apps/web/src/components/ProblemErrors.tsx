/**
 * The failing places of a refused input, as a problem document lists them: a JSON path, or a
 * row and column of an uploaded sheet. Every slice's problem message shows them with this list.
 */
import type { ProblemFieldError } from "@coordina/domain"
import { useI18n } from "../i18n/I18n.js"

/** The list of a problem's field errors; nothing when there are none. */
export const ProblemErrors = ({
  errors,
}: {
  readonly errors: ReadonlyArray<Pick<ProblemFieldError, "message"> & Partial<ProblemFieldError>>
}) => {
  const { t } = useI18n()
  if (errors.length === 0) return null
  return (
    <ul>
      {errors.map((e) => (
        <li key={`${e.row ?? ""}:${e.column ?? ""}:${e.path ?? ""}:${e.message}`}>
          {e.row !== undefined ? (
            `${t.reach.sheet.row} ${e.row}${e.column ? `, ${e.column}` : ""}: `
          ) : e.path ? (
            <>
              <code>{e.path}</code>{" "}
            </>
          ) : null}
          {e.message}
        </li>
      ))}
    </ul>
  )
}
