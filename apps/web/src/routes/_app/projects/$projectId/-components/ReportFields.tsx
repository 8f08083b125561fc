/**
 * The Reports tab's form pieces: a field that shows the server's problem for its path beside it
 * (a 422 names `periodStart`, `schedules.0.cron`, …), and the lookup of that message.
 */
import { FieldError, Input, Label, TextField } from "react-aria-components"
import { ApiProblem } from "../../../../../api/client.js"

/** The message a failed call's problem gives for `path`, if it names it. */
export const problemAt = (error: unknown, path: string): string | undefined =>
  error instanceof ApiProblem
    ? error.problem.errors
        ?.filter((e) => e.path === path)
        .map((e) => e.message)
        .join("; ") || undefined
    : undefined

/** Every path a failed call's problem names. */
export const problemPaths = (error: unknown): ReadonlyArray<string> =>
  error instanceof ApiProblem ? (error.problem.errors ?? []).flatMap((e) => (e.path ? [e.path] : [])) : []

/** A labelled input that is marked invalid, with the message beside it, while `error` is set. */
export const CheckedInput = (props: {
  readonly label: string
  readonly value: string
  readonly onChange: (value: string) => void
  readonly error: string | undefined
  readonly type?: "text" | "date"
  readonly isRequired?: boolean
  readonly isDisabled?: boolean
}) => (
  <TextField
    value={props.value}
    onChange={props.onChange}
    isInvalid={props.error !== undefined}
    isRequired={props.isRequired ?? false}
    isDisabled={props.isDisabled ?? false}
    className="react-aria-TextField field"
  >
    <Label>{props.label}</Label>
    <Input type={props.type ?? "text"} />
    <FieldError className="field-error">{props.error}</FieldError>
  </TextField>
)
