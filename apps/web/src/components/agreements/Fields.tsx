/**
 * Labelled form controls of the agreements feature, built on react-aria-components so every
 * control has a label, keyboard use and validation messages.
 */
import type { ReactNode } from "react"
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
  TextArea,
  TextField,
} from "react-aria-components"

/** One choice of a select. */
export interface Option {
  readonly id: string
  readonly label: string
}

/** A labelled one-line text, number or date input. */
export const TextInput = ({
  label,
  value,
  onChange,
  type = "text",
  isRequired = false,
  name,
  errorMessage,
  min,
}: {
  label: string
  value: string
  onChange: (value: string) => void
  type?: "text" | "date" | "number"
  isRequired?: boolean
  name?: string
  errorMessage?: string
  min?: number
}) => (
  <TextField
    value={value}
    onChange={onChange}
    isRequired={isRequired}
    className="react-aria-TextField field"
    {...(name ? { name } : {})}
  >
    <Label>{label}</Label>
    <Input type={type} {...(min === undefined ? {} : { min })} />
    <FieldError>{errorMessage}</FieldError>
  </TextField>
)

/** A labelled multi-line text. */
export const TextAreaInput = ({
  label,
  value,
  onChange,
  isRequired = false,
  errorMessage,
}: {
  label: string
  value: string
  onChange: (value: string) => void
  isRequired?: boolean
  errorMessage?: string
}) => (
  <TextField value={value} onChange={onChange} isRequired={isRequired} className="react-aria-TextField field">
    <Label>{label}</Label>
    <TextArea rows={2} />
    <FieldError>{errorMessage}</FieldError>
  </TextField>
)

/** A labelled single-choice select; `""` means nothing chosen. */
export const SelectField = ({
  label,
  value,
  onChange,
  options,
  isRequired = false,
  placeholder,
  errorMessage,
}: {
  label: string
  value: string
  onChange: (value: string) => void
  options: ReadonlyArray<Option>
  isRequired?: boolean
  placeholder?: string
  errorMessage?: string
}) => (
  <Select
    value={value === "" ? null : value}
    onChange={(key) => onChange(key === null ? "" : String(key))}
    isRequired={isRequired}
    className="select field"
    {...(placeholder ? { placeholder } : {})}
  >
    <Label>{label}</Label>
    <Button className="select-button">
      <SelectValue />
      <span aria-hidden="true">▾</span>
    </Button>
    <FieldError>{errorMessage}</FieldError>
    <Popover className="select-popover">
      <ListBox items={options} className="select-list">
        {(o) => (
          <ListBoxItem id={o.id} className="select-item" textValue={o.label}>
            {o.label}
          </ListBoxItem>
        )}
      </ListBox>
    </Popover>
  </Select>
)

/** A labelled multiple-choice select. */
export const MultiSelectField = ({
  label,
  value,
  onChange,
  options,
  placeholder,
}: {
  label: string
  value: ReadonlyArray<string>
  onChange: (value: ReadonlyArray<string>) => void
  options: ReadonlyArray<Option>
  placeholder?: string
}) => (
  <Select
    selectionMode="multiple"
    value={value}
    onChange={(keys) => onChange(keys.map(String))}
    className="select field"
    {...(placeholder ? { placeholder } : {})}
  >
    <Label>{label}</Label>
    <Button className="select-button">
      <SelectValue />
      <span aria-hidden="true">▾</span>
    </Button>
    <Popover className="select-popover">
      <ListBox items={options} className="select-list">
        {(o) => (
          <ListBoxItem id={o.id} className="select-item" textValue={o.label}>
            {o.label}
          </ListBoxItem>
        )}
      </ListBox>
    </Popover>
  </Select>
)

/** A section with a heading, for forms and panels. */
export const Panel = ({ title, children, id }: { title: string; children: ReactNode; id?: string }) => {
  const headingId = `${id ?? title.replace(/\W+/g, "-").toLowerCase()}-heading`
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  )
}
