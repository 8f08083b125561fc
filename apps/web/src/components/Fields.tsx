/**
 * The form controls under their earlier names, for pages not yet moved to apps/web/src/ui (the
 * one design system). New code imports from `@/ui/index.js`; this file goes once nothing uses it.
 */
import type { ComponentProps } from "react"
import { MultiSelect, Select, TextAreaField, TextField } from "../ui/index.js"

export { noChoice, type Option } from "../ui/index.js"

/** An earlier field's `errorMessage` named the words of the browser's own check, not an error now. */
const asValidation = <P extends { readonly errorMessage?: string | undefined }>({
  errorMessage,
  ...rest
}: P) => ({
  ...rest,
  validationMessage: errorMessage,
})

/** A labelled one-line input (see ui/Field.tsx). */
export const TextInput = (props: ComponentProps<typeof TextField>) => <TextField {...asValidation(props)} />

/** A labelled multi-line text (see ui/Field.tsx). */
export const TextAreaInput = (props: ComponentProps<typeof TextAreaField>) => (
  <TextAreaField {...asValidation(props)} />
)

/** A labelled single-choice select (see ui/Select.tsx). */
export const SelectField = (props: ComponentProps<typeof Select>) => <Select {...asValidation(props)} />

/** A labelled choice of several options (see ui/Select.tsx): checkboxes, nothing left open over the form. */
export const MultiSelectField = (
  props: ComponentProps<typeof MultiSelect> & { readonly placeholder?: string },
) => {
  const { placeholder: _, ...rest } = props
  return <MultiSelect {...rest} />
}
