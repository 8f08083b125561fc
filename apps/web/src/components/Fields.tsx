/**
 * The labelled form controls of every page, built on react-aria-components so every control has
 * a label, keyboard use, screen-reader names and validation messages.
 */
import {
  Button,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  Text,
  TextArea,
  TextField,
} from "react-aria-components"

/** One choice of a select. */
export interface Option {
  readonly id: string
  readonly label: string
}

/** A labelled one-line text, email, number or date input. */
export const TextInput = (props: {
  readonly label: string
  readonly value: string
  readonly onChange: (value: string) => void
  readonly type?: "text" | "email" | "tel" | "date" | "search" | "number"
  readonly isRequired?: boolean
  readonly description?: string
  readonly name?: string
  readonly autoFocus?: boolean
  readonly errorMessage?: string
  readonly min?: number
}) => (
  <TextField
    value={props.value}
    onChange={props.onChange}
    isRequired={props.isRequired ?? false}
    autoFocus={props.autoFocus ?? false}
    {...(props.name ? { name: props.name } : {})}
    className="react-aria-TextField field"
  >
    <Label>{props.label}</Label>
    <Input type={props.type ?? "text"} {...(props.min === undefined ? {} : { min: props.min })} />
    {props.description && <Text slot="description">{props.description}</Text>}
    <FieldError>{props.errorMessage}</FieldError>
  </TextField>
)

/** A labelled multi-line text. */
export const TextAreaInput = (props: {
  readonly label: string
  readonly value: string
  readonly onChange: (value: string) => void
  readonly isRequired?: boolean
  readonly errorMessage?: string
}) => (
  <TextField
    value={props.value}
    onChange={props.onChange}
    isRequired={props.isRequired ?? false}
    className="react-aria-TextField field"
  >
    <Label>{props.label}</Label>
    <TextArea rows={2} />
    <FieldError>{props.errorMessage}</FieldError>
  </TextField>
)

/** The key a select uses for "no choice". */
export const noChoice = "__none"

const OptionList = ({ options }: { readonly options: ReadonlyArray<Option> }) => (
  <Popover className="popover">
    <ListBox className="listbox" items={options}>
      {(o) => (
        <ListBoxItem id={o.id} textValue={o.label} className="listbox-item">
          {o.label}
        </ListBoxItem>
      )}
    </ListBox>
  </Popover>
)

/**
 * A labelled single-choice select; `undefined` (or `""`) is no choice. With `emptyLabel` the
 * first option clears the choice; `placeholder` is shown while nothing is chosen.
 */
export const SelectField = (props: {
  readonly label: string
  readonly value: string | undefined
  readonly onChange: (value: string | undefined) => void
  readonly options: ReadonlyArray<Option>
  readonly emptyLabel?: string
  readonly placeholder?: string
  readonly isRequired?: boolean
  readonly isDisabled?: boolean
  readonly errorMessage?: string
}) => {
  const options = props.emptyLabel
    ? [{ id: noChoice, label: props.emptyLabel }, ...props.options]
    : props.options
  const chosen = props.value === undefined || props.value === "" ? undefined : props.value
  return (
    <Select
      value={chosen ?? (props.emptyLabel ? noChoice : null)}
      onChange={(key) => props.onChange(key === null || key === noChoice ? undefined : String(key))}
      isRequired={props.isRequired ?? false}
      isDisabled={props.isDisabled ?? false}
      {...(props.placeholder ? { placeholder: props.placeholder } : {})}
      className="field select"
    >
      <Label>{props.label}</Label>
      <Button className="select-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      <FieldError>{props.errorMessage}</FieldError>
      <OptionList options={options} />
    </Select>
  )
}

/** A labelled multiple-choice select. */
export const MultiSelectField = (props: {
  readonly label: string
  readonly value: ReadonlyArray<string>
  readonly onChange: (value: ReadonlyArray<string>) => void
  readonly options: ReadonlyArray<Option>
  readonly placeholder?: string
}) => (
  <Select
    selectionMode="multiple"
    value={props.value}
    onChange={(keys) => props.onChange(keys.map(String))}
    className="field select"
    {...(props.placeholder ? { placeholder: props.placeholder } : {})}
  >
    <Label>{props.label}</Label>
    <Button className="select-button">
      <SelectValue />
      <span aria-hidden="true">▾</span>
    </Button>
    <OptionList options={props.options} />
  </Select>
)
