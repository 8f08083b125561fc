/**
 * Labelled form controls on react-aria-components: every control has a label, keyboard use, a
 * screen-reader name, and its error beside it (`errorMessage`, shown at once, before any request).
 */
import {
  Checkbox as AriaCheckbox,
  FieldError,
  Input,
  Label,
  NumberField as AriaNumberField,
  Text,
  TextArea,
  TextField as AriaTextField,
} from "react-aria-components"

/** What every field takes besides its value. */
export interface FieldProps {
  readonly label: string
  readonly description?: string | undefined
  /** The error to show now (a form's schema found it): the field is marked invalid. */
  readonly errorMessage?: string | undefined
  /** The words for the browser's own check (a required field left empty) when it fails. */
  readonly validationMessage?: string | undefined
  readonly isRequired?: boolean | undefined
  readonly isDisabled?: boolean | undefined
  readonly name?: string | undefined
  readonly autoFocus?: boolean | undefined
}

/**
 * React Aria's props for a field's validity: an error given here marks the field invalid;
 * otherwise the form decides how required fields are checked (the browser's check by default).
 */
export const validity = (props: FieldProps) => ({
  ...(props.errorMessage ? { isInvalid: true, validationBehavior: "aria" as const } : {}),
  isRequired: props.isRequired ?? false,
  isDisabled: props.isDisabled ?? false,
  ...(props.name ? { name: props.name } : {}),
})

const Help = (props: FieldProps) => (
  <>
    {props.description && <Text slot="description">{props.description}</Text>}
    <FieldError className="field-error">{props.errorMessage || props.validationMessage}</FieldError>
  </>
)

/** A labelled one-line text, email, telephone, date or search input. */
export const TextField = (
  props: FieldProps & {
    readonly value: string
    readonly onChange: (value: string) => void
    readonly onBlur?: () => void
    readonly type?: "text" | "email" | "tel" | "date" | "search" | "number" | "password"
    readonly min?: number | string
    readonly max?: number | string
    readonly autoComplete?: string
  },
) => (
  <AriaTextField
    value={props.value}
    onChange={props.onChange}
    {...(props.onBlur ? { onBlur: props.onBlur } : {})}
    autoFocus={props.autoFocus ?? false}
    {...validity(props)}
    {...(props.autoComplete ? { autoComplete: props.autoComplete } : {})}
    type={props.type ?? "text"}
    className="react-aria-TextField field"
  >
    <Label>{props.label}</Label>
    <Input
      {...(props.min === undefined ? {} : { min: props.min })}
      {...(props.max === undefined ? {} : { max: props.max })}
    />
    <Help {...props} />
  </AriaTextField>
)

/** A labelled multi-line text. */
export const TextAreaField = (
  props: FieldProps & {
    readonly value: string
    readonly onChange: (value: string) => void
    readonly onBlur?: () => void
    readonly rows?: number
  },
) => (
  <AriaTextField
    value={props.value}
    onChange={props.onChange}
    {...(props.onBlur ? { onBlur: props.onBlur } : {})}
    autoFocus={props.autoFocus ?? false}
    {...validity(props)}
    className="react-aria-TextField field"
  >
    <Label>{props.label}</Label>
    <TextArea rows={props.rows ?? 2} />
    <Help {...props} />
  </AriaTextField>
)

/** A labelled number input in the language's number format; whole numbers unless `step` says otherwise. */
export const NumberField = (
  props: FieldProps & {
    readonly value: number | undefined
    readonly onChange: (value: number | undefined) => void
    readonly onBlur?: () => void
    readonly minValue?: number
    readonly maxValue?: number
    readonly step?: number
  },
) => (
  <AriaNumberField
    value={props.value ?? Number.NaN}
    onChange={(n) => props.onChange(Number.isFinite(n) ? n : undefined)}
    {...(props.onBlur ? { onBlur: props.onBlur } : {})}
    {...(props.minValue === undefined ? {} : { minValue: props.minValue })}
    {...(props.maxValue === undefined ? {} : { maxValue: props.maxValue })}
    step={props.step ?? 1}
    {...validity(props)}
    className="react-aria-TextField field"
  >
    <Label>{props.label}</Label>
    <Input />
    <Help {...props} />
  </AriaNumberField>
)

/** A labelled checkbox. */
export const CheckboxField = (props: {
  readonly label: string
  readonly value: boolean
  readonly onChange: (value: boolean) => void
  readonly isDisabled?: boolean
}) => (
  <AriaCheckbox
    isSelected={props.value}
    onChange={props.onChange}
    isDisabled={props.isDisabled ?? false}
    className="checkbox"
  >
    <span className="checkbox-box" aria-hidden="true" />
    {props.label}
  </AriaCheckbox>
)
