/**
 * The one display of a refusal: a message in the chosen language for the problem's code (or
 * status), and each failing field or sheet row beside its name. Takes an `ApiProblem`, any
 * other error, or the field errors a form's schema found before sending.
 */
import type { ReactNode } from "react"
import { ApiProblem } from "../api/client.js"
import { useI18n } from "../i18n/I18n.js"
import { type ProblemTexts, problemsBg, problemsEn } from "../i18n/problems.js"
import { type Failure, failureText, problemMessage } from "./problemText.js"

/** The problem texts of the chosen language. */
export const useProblemTexts = (): ProblemTexts => (useI18n().language === "bg" ? problemsBg : problemsEn)

/** The message of any error, in the chosen language. */
export const useErrorMessage = (): ((error: unknown) => string) => {
  const texts = useProblemTexts()
  return (error) =>
    error instanceof ApiProblem
      ? problemMessage(error.status, error.text("code"), error.extensions, texts, error.problem.type)
      : error instanceof Error
        ? error.message
        : String(error)
}

/** The list of failing places; nothing when there are none. */
export const Failures = ({ failures }: { readonly failures: ReadonlyArray<Failure> }) => {
  const texts = useProblemTexts()
  if (failures.length === 0) return null
  return (
    <ul className="problem-errors">
      {failures.map((f, i) => {
        const { where, message } = failureText(f, texts)
        return (
          // Two failures may read the same; their position keeps them apart.
          <li key={`${i}:${f.row ?? ""}:${f.path ?? ""}`} data-path={f.path} data-row={f.row}>
            {where && <strong>{where}: </strong>}
            {message}
          </li>
        )
      })}
    </ul>
  )
}

/** A refusal as an alert; `failures` alone shows a form's own findings. */
export const Problem = ({
  error,
  failures,
  children,
}: {
  readonly error?: unknown
  readonly failures?: ReadonlyArray<Failure> | undefined
  readonly children?: ReactNode
}) => {
  const { t } = useI18n()
  const texts = useProblemTexts()
  const message = useErrorMessage()
  const problem = error instanceof ApiProblem ? error : undefined
  const list: ReadonlyArray<Failure> = failures ?? problem?.problem.errors ?? []
  if (error === undefined && list.length === 0) return null
  return (
    <div
      role="alert"
      className="error-box problem"
      data-status={problem?.status}
      data-code={problem?.text("code")}
    >
      <p className="problem-message">{error === undefined ? t.ui.form.invalid : message(error)}</p>
      {list.length > 0 && error !== undefined && <p>{texts.fixFields}</p>}
      <Failures failures={list} />
      {children}
    </div>
  )
}
