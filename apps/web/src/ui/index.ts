/**
 * The design system of the web app: every page builds from these.
 * @module
 */
export {
  type Column,
  type CursorPaging,
  DataTable,
  type ServerPage,
  type Sort,
  useCursorPaging,
} from "./DataTable.js"
export { ConfirmDialog, Dialog } from "./Dialog.js"
export { EmptyState } from "./EmptyState.js"
export { CheckboxField, type FieldProps, NumberField, TextAreaField, TextField } from "./Field.js"
export { translatedSchema, useFormField, useSchemaForm } from "./Form.js"
export { DateText, InstantText, useFormat } from "./format.js"
export { dateFormatter, instantFormatter, localeOf, numberFormatter } from "./formatters.js"
export { Page, Section, Status } from "./Page.js"
export { Failures, Problem, useErrorMessage, useProblemTexts } from "./Problem.js"
export { type Failure, failureText, fieldLabel, problemMessage, translateMessage } from "./problemText.js"
export { MultiSelect, noChoice, type Option, Select } from "./Select.js"
