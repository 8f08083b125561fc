/**
 * The reach pages' count input, problem and status line under their earlier names, now the
 * design system's (apps/web/src/ui); new code imports from `@/ui/index.js`.
 */
import type { ReactNode } from "react"
import { NumberField, Problem, Status } from "../../ui/index.js"

/** A labelled whole-number input, never below zero. */
export const CountInput = (props: {
  readonly label: string
  readonly value: number
  readonly onChange: (value: number) => void
}) => (
  <NumberField
    label={props.label}
    value={props.value}
    onChange={(n) => props.onChange(n === undefined ? 0 : Math.max(0, Math.round(n)))}
    minValue={0}
  />
)

/** Shows a failed call in the chosen language, with every place it names. */
export const ProblemAlert = ({
  error,
  children,
}: {
  readonly error: unknown
  readonly children?: ReactNode
}) => <Problem error={error}>{children}</Problem>

/** A polite status line for what just succeeded. */
export const StatusMessage = Status
