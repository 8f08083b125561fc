import { type IsoDate, intentDeadline, isoDate, ruleSetInForce } from "@coordina/domain"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { createFileRoute, Link, useNavigate } from "@tanstack/react-router"
import { Either, Schema } from "effect"
import { type FormEvent, useState } from "react"
import { Button, Form } from "react-aria-components"
import { beneficiaryQuery, declareIntent, afterAgreementChange } from "../../../api/agreements.js"
import { TextInput } from "../../../components/Fields.js"
import { ProblemBox } from "../../../components/agreements/Shared.js"
import { BeneficiaryPicker } from "../../../components/BeneficiaryPicker.js"
import { useTodayDate } from "../../../api/today.js"
import { useI18n } from "../../../i18n/I18n.js"

export const Route = createFileRoute("/_app/agreements/new")({
  validateSearch: Schema.standardSchemaV1(Schema.Struct({ beneficiaryId: Schema.optional(Schema.String) })),
  component: NewIntentPage,
})

const validDate = (s: string): IsoDate | undefined => {
  try {
    return isoDate(s)
  } catch {
    return undefined
  }
}

function NewIntentPage() {
  const { t, formatDate } = useI18n()
  const ti = t.agreements.intent
  const search = Route.useSearch()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [beneficiaryId, setBeneficiaryId] = useState(search.beneficiaryId ?? "")
  const [intentDate, setIntentDate] = useState<string>(useTodayDate())
  const beneficiary = useQuery({
    ...beneficiaryQuery(beneficiaryId.trim()),
    enabled: beneficiaryId.trim() !== "",
    retry: false,
  })

  // What the domain says about this date: which rule set governs it, and whether it is late.
  const date = validDate(intentDate)
  const governing = date ? ruleSetInForce(date) : undefined
  const deadline =
    governing && Either.isRight(governing) && beneficiary.data
      ? intentDeadline(governing.right, isoDate(beneficiary.data.statusDecisionDate))
      : undefined
  const late = deadline !== undefined && date !== undefined && date > deadline

  const mutation = useMutation({
    mutationFn: () => declareIntent({ beneficiaryId: beneficiaryId.trim(), intentDate }),
    onSuccess: async (a) => {
      await afterAgreementChange(queryClient)
      await navigate({ to: "/agreements/$agreementId", params: { agreementId: a.id } })
    },
  })
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    mutation.mutate()
  }

  return (
    <section>
      <h1>{ti.title}</h1>
      <p className="muted">{ti.intro}</p>
      <Form onSubmit={submit} className="form-card">
        <BeneficiaryPicker label={ti.beneficiary} selectedId={beneficiaryId} onSelect={setBeneficiaryId} />
        {beneficiary.data ? (
          <p className="muted" data-testid="intent-beneficiary">
            {beneficiary.data.pseudonym} · {t.agreements.statusKind[beneficiary.data.statusKind]} ·{" "}
            {formatDate(beneficiary.data.statusDecisionDate)}
          </p>
        ) : beneficiary.isError ? (
          <ProblemBox error={beneficiary.error} />
        ) : (
          <p className="muted">
            <Link to="/beneficiaries/new">{ti.noBeneficiary}</Link>
          </p>
        )}
        <TextInput label={ti.intentDate} type="date" value={intentDate} onChange={setIntentDate} isRequired />
        {governing && Either.isLeft(governing) && (
          <p role="status" className="warning">
            {t.agreements.problem.NoProcedureInForce}
          </p>
        )}
        {deadline && (
          <p className="muted">
            {t.agreements.case.intentDeadline}: {formatDate(deadline)}
          </p>
        )}
        {late && (
          <p role="status" className="warning">
            {ti.lateWarning}
          </p>
        )}
        <ProblemBox error={mutation.error} />
        <Button type="submit" className="button primary" isDisabled={mutation.isPending}>
          {ti.submit}
        </Button>
      </Form>
    </section>
  )
}
