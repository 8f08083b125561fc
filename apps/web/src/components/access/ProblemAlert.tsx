import { ApiProblem } from "../../api/client.js"
import { ProblemErrors } from "../ProblemErrors.js"
import { useI18n } from "../../i18n/I18n.js"

/** A field-level error: the path names the field, as in a problem document's `errors`. */
export interface FieldError {
  readonly path?: string | undefined
  readonly message: string
}

/** The message and field errors of a failed call, or of a form the domain's schema refused. */
export const ProblemAlert = ({
  error,
  fieldErrors,
}: {
  error?: unknown
  fieldErrors?: ReadonlyArray<FieldError> | undefined
}) => {
  const { t } = useI18n()
  const problem = error instanceof ApiProblem ? error : undefined
  const errors = fieldErrors ?? problem?.problem.errors ?? []
  if (error === undefined && errors.length === 0) return null
  const message =
    problem?.status === 403
      ? t.access.forbidden
      : problem
        ? (problem.problem.detail ?? problem.problem.title ?? problem.message)
        : error instanceof Error
          ? error.message
          : error === undefined
            ? t.access.form.invalid
            : String(error)
  return (
    <div role="alert" className="error-box compact">
      <p>{message}</p>
      <ProblemErrors errors={errors} />
    </div>
  )
}
