import type { Person } from "@coordina/domain"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { Link } from "@tanstack/react-router"
import { type FormEvent, useState } from "react"
import { Button, Form } from "react-aria-components"
import { ApiProblem } from "../../../../api/client.js"
import { institutionsQuery } from "../../../../api/institutions.js"
import { createPerson, personKeys } from "../../../../api/reach.js"
import { ProblemAlert } from "../../../../components/reach/Fields.js"
import { SelectField, TextInput } from "../../../../components/Fields.js"
import { optionsOf } from "../../../../components/reach/labels.js"
import { useI18n } from "../../../../i18n/I18n.js"

type Gender = NonNullable<Person["gender"]>

/** Adds a person; an email already on file links to the person who has it. */
export const PersonForm = ({ onCreated }: { readonly onCreated: (p: Person) => void }) => {
  const { t } = useI18n()
  const r = t.reach.people
  const queryClient = useQueryClient()
  const { data: institutions } = useQuery(institutionsQuery())
  const [givenName, setGivenName] = useState("")
  const [familyName, setFamilyName] = useState("")
  const [email, setEmail] = useState("")
  const [phone, setPhone] = useState("")
  const [gender, setGender] = useState<Gender | undefined>(undefined)
  const [institutionId, setInstitutionId] = useState<string | undefined>(undefined)
  const mutation = useMutation({
    mutationFn: () =>
      createPerson({
        givenName: givenName.trim(),
        familyName: familyName.trim(),
        institutionId: institutionId ?? "",
        ...(email.trim() ? { email: email.trim() } : {}),
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        ...(gender ? { gender } : {}),
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
  const submit = (e: FormEvent) => {
    e.preventDefault()
    mutation.mutate()
  }
  return (
    <Form onSubmit={submit} className="form-grid" aria-label={r.createTitle}>
      <TextInput label={r.givenName} value={givenName} onChange={setGivenName} isRequired autoFocus />
      <TextInput label={r.familyName} value={familyName} onChange={setFamilyName} isRequired />
      <TextInput label={r.email} value={email} onChange={setEmail} type="email" />
      <TextInput label={r.phone} value={phone} onChange={setPhone} type="tel" />
      <SelectField
        label={r.gender}
        value={gender}
        onChange={(g) => setGender(g as Gender | undefined)}
        options={optionsOf(t.reach.gender)}
        emptyLabel="—"
      />
      <SelectField
        label={r.institution}
        value={institutionId}
        onChange={setInstitutionId}
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
        mutation.isError && <ProblemAlert error={mutation.error} />
      )}
      <div className="form-actions">
        <Button type="submit" className="button primary" isDisabled={mutation.isPending}>
          {mutation.isPending ? t.reach.saving : t.app.create}
        </Button>
      </div>
    </Form>
  )
}
