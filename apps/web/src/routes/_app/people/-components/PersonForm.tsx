import { Gender, NewPerson, type Person } from "@coordina/domain"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { Link } from "@tanstack/react-router"
import { Schema } from "effect"
import { Button, Form } from "react-aria-components"
import { ApiProblem } from "@/api/client.js"
import { institutionsQuery } from "@/api/institutions.js"
import { createPerson, personKeys } from "@/api/reach.js"
import { optionsOf } from "@/components/reach/labels.js"
import { useI18n } from "@/i18n/I18n.js"
import { Problem, Select, TextField, useFormField, useSchemaForm } from "@/ui/index.js"

const blank = Schema.Literal("")
const trimmed = <A,>(schema: Schema.Schema<A, string>) => Schema.compose(Schema.Trim, schema)

/** What the form holds: the domain's fields for a new person, blanks for what is left out. */
const PersonFormValues = Schema.Struct({
  givenName: trimmed(NewPerson.fields.givenName),
  familyName: trimmed(NewPerson.fields.familyName),
  email: Schema.Union(blank, trimmed(NewPerson.fields.email.from)),
  phone: Schema.Union(blank, trimmed(NewPerson.fields.phone.from)),
  gender: Schema.Union(blank, Gender),
  institutionId: NewPerson.fields.institutionId,
})

/** Adds a person; an email already on file links to the person who has it. */
export const PersonForm = ({ onCreated }: { readonly onCreated: (p: Person) => void }) => {
  const { t } = useI18n()
  const r = t.reach.people
  const queryClient = useQueryClient()
  const { data: institutions } = useQuery(institutionsQuery())
  const form = useSchemaForm(PersonFormValues, {
    givenName: "",
    familyName: "",
    email: "",
    phone: "",
    gender: "",
    institutionId: "",
  })
  const mutation = useMutation({
    mutationFn: (v: typeof PersonFormValues.Type) =>
      createPerson({
        givenName: v.givenName,
        familyName: v.familyName,
        institutionId: v.institutionId,
        ...(v.email ? { email: v.email } : {}),
        ...(v.phone ? { phone: v.phone } : {}),
        ...(v.gender ? { gender: v.gender } : {}),
      }),
    onSuccess: async (person) => {
      await personKeys.invalidate(queryClient)
      onCreated(person)
    },
  })
  const existingId =
    mutation.error instanceof ApiProblem && mutation.error.status === 409
      ? mutation.error.text("existingId")
      : undefined
  const c = form.control
  const gender = useFormField(c, "gender")
  const institution = useFormField(c, "institutionId")
  return (
    <Form
      onSubmit={form.handleSubmit((v) => mutation.mutate(v))}
      className="form-grid"
      aria-label={r.createTitle}
      validationBehavior="aria"
    >
      <TextField label={r.givenName} {...useFormField(c, "givenName")} isRequired autoFocus />
      <TextField label={r.familyName} {...useFormField(c, "familyName")} isRequired />
      <TextField label={r.email} {...useFormField(c, "email")} type="email" />
      <TextField label={r.phone} {...useFormField(c, "phone")} type="tel" />
      <Select
        label={r.gender}
        {...gender}
        value={gender.value || undefined}
        onChange={(g) => gender.onChange(g ?? "")}
        options={optionsOf(t.reach.gender)}
        emptyLabel="—"
      />
      <Select
        label={r.institution}
        {...institution}
        value={institution.value || undefined}
        onChange={(id) => {
          institution.onChange(id ?? "")
          institution.onBlur()
        }}
        options={(institutions ?? []).map((i) => ({ id: i.id, label: i.name }))}
        isRequired
      />
      {existingId ? (
        <div role="alert" className="error-box">
          <p>{r.emailTaken}</p>
          <Link to="/people/$personId" params={{ personId: existingId }}>
            {r.openExisting}
          </Link>
        </div>
      ) : (
        mutation.isError && <Problem error={mutation.error} />
      )}
      <div className="form-actions">
        <Button type="submit" className="button primary" isDisabled={mutation.isPending}>
          {mutation.isPending ? t.reach.saving : t.app.create}
        </Button>
      </div>
    </Form>
  )
}
