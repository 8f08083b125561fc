/**
 * Choices on react-aria-components. One choice is a select (a button with a list box in a
 * popover); several choices are a group of checkboxes shown in the form, so nothing stays open
 * over the page (the old multiple select kept its popover open until Escape).
 */
import {
  Button,
  Checkbox,
  CheckboxGroup,
  FieldError,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select as AriaSelect,
  SelectValue,
  Text,
} from "react-aria-components"
import { type FieldProps, validity } from "./Field.js"

/** One choice. */
export interface Option {
  readonly id: string
  readonly label: string
}

/** The key a select uses for "no choice". */
export const noChoice = "__none"

/**
 * A labelled single-choice select; `undefined` is no choice. With `emptyLabel` the first option
 * clears the choice; `placeholder` is shown while nothing is chosen.
 */
export const Select = (
  props: FieldProps & {
    readonly value: string | undefined
    readonly onChange: (value: string | undefined) => void
    readonly options: ReadonlyArray<Option>
    readonly emptyLabel?: string
    readonly placeholder?: string
  },
) => {
  const options = props.emptyLabel
    ? [{ id: noChoice, label: props.emptyLabel }, ...props.options]
    : props.options
  const chosen = props.value === undefined || props.value === "" ? undefined : props.value
  return (
    <AriaSelect
      value={chosen ?? (props.emptyLabel ? noChoice : null)}
      onChange={(key) => props.onChange(key === null || key === noChoice ? undefined : String(key))}
      {...validity(props)}
      {...(props.placeholder ? { placeholder: props.placeholder } : {})}
      className="field select"
    >
      <Label>{props.label}</Label>
      <Button className="select-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      {props.description && <Text slot="description">{props.description}</Text>}
      <FieldError className="field-error">{props.errorMessage || props.validationMessage}</FieldError>
      <Popover className="popover">
        <ListBox className="listbox" items={options}>
          {(o) => (
            <ListBoxItem id={o.id} textValue={o.label} className="listbox-item">
              {o.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </AriaSelect>
  )
}

/** A labelled group of checkboxes for choosing several options. */
export const MultiSelect = (
  props: FieldProps & {
    readonly value: ReadonlyArray<string>
    readonly onChange: (value: ReadonlyArray<string>) => void
    readonly options: ReadonlyArray<Option>
  },
) => (
  <CheckboxGroup
    value={[...props.value]}
    onChange={props.onChange}
    {...validity(props)}
    className="field checkbox-group"
  >
    <Label>{props.label}</Label>
    <div className="checkbox-options">
      {props.options.map((o) => (
        <Checkbox key={o.id} value={o.id} className="checkbox">
          <span className="checkbox-box" aria-hidden="true" />
          {o.label}
        </Checkbox>
      ))}
    </div>
    {props.description && <Text slot="description">{props.description}</Text>}
    <FieldError className="field-error">{props.errorMessage || props.validationMessage}</FieldError>
  </CheckboxGroup>
)
