/**
 * The one way a form works: React Hook Form with the Standard Schema resolver over a schema from
 * the domain (or a form schema built from its fields), so a field's error shows beside it, in the
 * chosen language, before anything is sent. The API checks the same schema again.
 */
import { standardSchemaResolver } from "@hookform/resolvers/standard-schema"
import { Schema } from "effect"
import { useMemo } from "react"
import {
  type Control,
  type DefaultValues,
  type FieldPath,
  type FieldValues,
  type UseFormReturn,
  useController,
  useForm,
} from "react-hook-form"
import type { ProblemTexts } from "../i18n/problems.js"
import { useProblemTexts } from "./Problem.js"
import { translateMessage } from "./problemText.js"

type Standard<A, I> = ReturnType<typeof Schema.standardSchemaV1<A, I>>

/** The schema as Standard Schema, its issues' messages in the chosen language. */
export const translatedSchema = <A, I>(schema: Schema.Schema<A, I>, texts: ProblemTexts): Standard<A, I> => {
  const standard = Schema.standardSchemaV1(schema, { errors: "all" })
  const validate = standard["~standard"].validate
  const translate = (result: Awaited<ReturnType<typeof validate>>) =>
    result.issues
      ? { issues: result.issues.map((i) => ({ ...i, message: translateMessage(i.message, texts) })) }
      : result
  return Object.assign(Object.create(standard) as Standard<A, I>, {
    "~standard": {
      ...standard["~standard"],
      validate: (value: unknown) => {
        const result = validate(value)
        return result instanceof Promise ? result.then(translate) : translate(result)
      },
    },
  })
}

/**
 * A form over `schema`: values are the schema's encoded side (what the inputs hold), the
 * submitted data its decoded side. Errors appear once a field is left, and on submit.
 */
export const useSchemaForm = <A, I extends FieldValues>(
  schema: Schema.Schema<A, I>,
  defaultValues: NoInfer<DefaultValues<I>>,
): UseFormReturn<I, unknown, A> => {
  const texts = useProblemTexts()
  const resolver = useMemo(() => standardSchemaResolver(translatedSchema(schema, texts)), [schema, texts])
  return useForm<I, unknown, A>({ resolver, defaultValues, mode: "onTouched" })
}

/**
 * The value, change and blur handlers and the error message of one field of a form, ready to
 * spread on a field of ui/Field.tsx or ui/Select.tsx.
 */
export const useFormField = <T extends FieldValues, N extends FieldPath<T>>(control: Control<T>, name: N) => {
  const { field, fieldState } = useController({ control, name })
  return {
    name,
    value: field.value,
    onChange: field.onChange,
    onBlur: field.onBlur,
    errorMessage: fieldState.error?.message,
  }
}
