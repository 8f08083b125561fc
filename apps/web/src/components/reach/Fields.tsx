/**
 * Pieces of the reach pages: a count input, problem and status messages (the shared form
 * controls are in components/Fields.tsx).
 */
import type { ReactNode } from "react"
import { Input, Label, NumberField } from "react-aria-components"
import { ApiProblem } from "../../api/client.js"
import { ProblemErrors } from "../ProblemErrors.js"
import { useI18n } from "../../i18n/I18n.js"

/** A labelled whole-number input. */
export const CountInput = (props: {
  readonly label: string
  readonly value: number
  readonly onChange: (value: number) => void
}) => (
  <NumberField
    value={props.value}
    onChange={(n) => props.onChange(Number.isFinite(n) ? Math.max(0, Math.round(n)) : 0)}
    minValue={0}
    step={1}
    className="react-aria-TextField field"
  >
    <Label>{props.label}</Label>
    <Input />
  </NumberField>
)

/** Shows a failed call: the problem's title and every error it lists. */
export const ProblemAlert = ({
  error,
  children,
}: {
  readonly error: unknown
  readonly children?: ReactNode
}) => {
  const { t } = useI18n()
  const problem = error instanceof ApiProblem ? error : undefined
  const errors = problem?.problem.errors ?? []
  const title =
    problem?.status === 0 ? t.reach.networkError : error instanceof Error ? error.message : String(error)
  return (
    <div role="alert" className="error-box">
      <p>{title}</p>
      {errors.length > 0 && <p>{t.reach.fixErrors}</p>}
      <ProblemErrors errors={errors} />
      {children}
    </div>
  )
}

/** A polite status line for what just succeeded. */
export const StatusMessage = ({ children }: { readonly children: ReactNode }) => (
  <p role="status" className="status">
    {children}
  </p>
)
