/**
 * Labelled form controls of the reach pages, built on react-aria-components so every control
 * has a label, keyboard use and screen-reader names.
 */
import type { ReactNode } from "react"
import {
  Button,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  NumberField,
  Popover,
  Select,
  SelectValue,
  Text,
  TextField,
} from "react-aria-components"
import { ApiProblem } from "../../api/client.js"
import { useI18n } from "../../i18n/I18n.js"

/** A labelled text (or date, email…) input. */
export const TextInput = (props: {
  readonly label: string
  readonly value: string
  readonly onChange: (value: string) => void
  readonly type?: "text" | "email" | "tel" | "date" | "search"
  readonly isRequired?: boolean
  readonly description?: string
  readonly name?: string
  readonly autoFocus?: boolean
}) => (
  <TextField
    value={props.value}
    onChange={props.onChange}
    type={props.type ?? "text"}
    isRequired={props.isRequired ?? false}
    autoFocus={props.autoFocus ?? false}
    {...(props.name ? { name: props.name } : {})}
    className="react-aria-TextField field"
  >
    <Label>{props.label}</Label>
    <Input />
    {props.description && <Text slot="description">{props.description}</Text>}
    <FieldError />
  </TextField>
)

/** One choice of a select. */
export interface Option {
  readonly id: string
  readonly label: string
}

/** The key a select uses for "no choice". */
export const noChoice = "__none"

/**
 * A labelled single-choice select. With `emptyLabel` the first option clears the choice and
 * `onChange` receives undefined.
 */
export const SelectField = (props: {
  readonly label: string
  readonly value: string | undefined
  readonly onChange: (value: string | undefined) => void
  readonly options: ReadonlyArray<Option>
  readonly emptyLabel?: string
  readonly isRequired?: boolean
  readonly isDisabled?: boolean
}) => {
  const options = props.emptyLabel
    ? [{ id: noChoice, label: props.emptyLabel }, ...props.options]
    : props.options
  return (
    <Select
      value={props.value ?? (props.emptyLabel ? noChoice : null)}
      onChange={(key) => props.onChange(key === null || key === noChoice ? undefined : String(key))}
      isRequired={props.isRequired ?? false}
      isDisabled={props.isDisabled ?? false}
      className="field select"
    >
      <Label>{props.label}</Label>
      <Button className="select-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      <Popover className="popover">
        <ListBox className="listbox" items={options}>
          {(o) => (
            <ListBoxItem id={o.id} textValue={o.label} className="listbox-item">
              {o.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
      <FieldError />
    </Select>
  )
}

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

/** The message of a failed call, in the current language where the UI has one. */
export const useProblemText = () => {
  const { t } = useI18n()
  return (error: unknown): { readonly title: string; readonly items: ReadonlyArray<string> } => {
    if (error instanceof ApiProblem) {
      if (error.status === 0) return { title: t.reach.networkError, items: [] }
      const items = (error.problem.errors ?? []).map((e) =>
        e.row !== undefined
          ? `${t.reach.sheet.row} ${e.row}${e.column ? `, ${e.column}` : ""}: ${e.message}`
          : e.path
            ? `${e.path}: ${e.message}`
            : e.message,
      )
      return { title: error.message, items }
    }
    return { title: error instanceof Error ? error.message : String(error), items: [] }
  }
}

/** Shows a failed call: the problem's title and every error it lists. */
export const ProblemAlert = ({
  error,
  children,
}: {
  readonly error: unknown
  readonly children?: ReactNode
}) => {
  const text = useProblemText()(error)
  const { t } = useI18n()
  return (
    <div role="alert" className="error-box">
      <p>{text.title}</p>
      {text.items.length > 0 && (
        <>
          <p>{t.reach.fixErrors}</p>
          <ul>
            {text.items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </>
      )}
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
