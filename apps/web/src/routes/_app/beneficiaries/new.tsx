import type { NewBeneficiary } from "@coordina/domain"
import { useMutation } from "@tanstack/react-query"
import { createFileRoute, useNavigate } from "@tanstack/react-router"
import { type FormEvent, useState } from "react"
import { Button, Form } from "react-aria-components"
import { createBeneficiary } from "../../../api/agreements.js"
import { SelectField, TextInput } from "../../../components/Fields.js"
import { ProblemBox } from "../../../components/agreements/Shared.js"
import { useTodayDate } from "../../../api/today.js"
import { useI18n } from "../../../i18n/I18n.js"

export const Route = createFileRoute("/_app/beneficiaries/new")({
  component: NewBeneficiaryPage,
})

type StatusKind = (typeof NewBeneficiary.Encoded)["statusKind"]
type Gender = NonNullable<(typeof NewBeneficiary.Encoded)["personal"]["gender"]>
const statusKinds: ReadonlyArray<StatusKind> = ["refugee", "humanitarian", "asylum"]
const genders: ReadonlyArray<Gender> = ["female", "male", "other", "undisclosed"]

function NewBeneficiaryPage() {
  const { t } = useI18n()
  const tb = t.agreements.beneficiary
  const navigate = useNavigate()
  const [statusKind, setStatusKind] = useState<string>("refugee")
  const [statusDecisionDate, setStatusDecisionDate] = useState<string>(useTodayDate())
  const [familyMembers, setFamilyMembers] = useState("0")
  const [givenName, setGivenName] = useState("")
  const [familyName, setFamilyName] = useState("")
  const [birthDate, setBirthDate] = useState("")
  const [citizenship, setCitizenship] = useState("")
  const [gender, setGender] = useState("")

  const mutation = useMutation({
    mutationFn: () =>
      createBeneficiary({
        statusKind: statusKind as StatusKind,
        statusDecisionDate,
        familyMembers: Number(familyMembers),
        personal: {
          givenName: givenName.trim(),
          familyName: familyName.trim(),
          ...(birthDate ? { birthDate } : {}),
          ...(citizenship.trim() ? { citizenship: citizenship.trim().toUpperCase() } : {}),
          ...(gender ? { gender: gender as Gender } : {}),
        },
      }),
    onSuccess: (b) => navigate({ to: "/agreements/new", search: { beneficiaryId: b.id } }),
  })
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    mutation.mutate()
  }

  return (
    <section>
      <h1>{tb.title}</h1>
      <p className="muted">{tb.intro}</p>
      <Form onSubmit={submit} className="form-card">
        <SelectField
          label={tb.statusKind}
          value={statusKind}
          onChange={(v) => setStatusKind(v ?? "")}
          isRequired
          options={statusKinds.map((k) => ({ id: k, label: t.agreements.statusKind[k] }))}
        />
        <TextInput
          label={tb.statusDecisionDate}
          type="date"
          value={statusDecisionDate}
          onChange={setStatusDecisionDate}
          isRequired
        />
        <TextInput
          label={tb.familyMembers}
          type="number"
          min={0}
          value={familyMembers}
          onChange={setFamilyMembers}
          isRequired
        />
        <fieldset className="subfields">
          <legend>{t.agreements.case.personal}</legend>
          <TextInput label={tb.givenName} value={givenName} onChange={setGivenName} isRequired />
          <TextInput label={tb.familyName} value={familyName} onChange={setFamilyName} isRequired />
          <TextInput label={tb.birthDate} type="date" value={birthDate} onChange={setBirthDate} />
          <TextInput label={tb.citizenship} value={citizenship} onChange={setCitizenship} />
          <SelectField
            label={tb.gender}
            value={gender}
            onChange={(v) => setGender(v ?? "")}
            placeholder={t.agreements.form.choose}
            options={genders.map((g) => ({ id: g, label: t.agreements.gender[g] }))}
          />
        </fieldset>
        <ProblemBox error={mutation.error} />
        <Button type="submit" className="button primary" isDisabled={mutation.isPending}>
          {tb.submit}
        </Button>
      </Form>
    </section>
  )
}
