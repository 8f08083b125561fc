import type { AgreementView } from "@coordina/domain"
import type { AgreementAction, ProcedureRuleSet } from "@coordina/domain"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { type FormEvent, useState } from "react"
import { Button, Form, Group } from "react-aria-components"
import { offersQuery, runAction, afterAgreementChange, agreementKeys } from "@/api/agreements.js"
import { ApiProblem } from "@/api/client.js"
import { SelectField, TextAreaInput, TextInput } from "@/components/Fields.js"
import { ProblemBox, useLabels } from "@/components/agreements/Shared.js"
import { useTodayDate } from "@/api/today.js"
import { useI18n } from "@/i18n/I18n.js"

/**
 * The legal actions allowed now (as the domain's state machine says), each opening its form.
 * Only allowed actions are offered; the API still checks, and a refusal is shown as a problem.
 */
export const ActionPanel = ({
  agreement,
  allowed,
  ruleSet,
}: {
  agreement: AgreementView
  allowed: ReadonlyArray<AgreementAction>
  ruleSet: ProcedureRuleSet
}) => {
  const { t } = useI18n()
  const [open, setOpen] = useState<AgreementAction | null>(null)
  const [done, setDone] = useState(false)
  // Kept here, not in the form: a refusal may change what is allowed, and the form then closes.
  const [refusal, setRefusal] = useState<unknown>(null)
  const current = open !== null && allowed.includes(open) ? open : null
  return (
    <div className="actions">
      {allowed.length === 0 ? (
        <p className="muted">{t.agreements.case.noActions}</p>
      ) : (
        <Group className="action-buttons" aria-label={t.agreements.case.actions}>
          {allowed.map((a) => (
            <Button
              key={a}
              className={`button${current === a ? " primary" : ""}`}
              aria-expanded={current === a}
              onPress={() => {
                setDone(false)
                setRefusal(null)
                setOpen(current === a ? null : a)
              }}
            >
              {t.agreements.action[a]}
            </Button>
          ))}
        </Group>
      )}
      {done && (
        <p role="status" className="saved">
          {t.agreements.form.saved}
        </p>
      )}
      <ProblemBox error={refusal} />
      {current && (
        <ActionForm
          key={`${current}-${agreement.version}`}
          action={current}
          agreement={agreement}
          ruleSet={ruleSet}
          onDone={() => {
            setOpen(null)
            setDone(true)
          }}
          onRefused={setRefusal}
          onCancel={() => setOpen(null)}
        />
      )}
    </div>
  )
}

const ActionForm = ({
  action,
  agreement,
  ruleSet,
  onDone,
  onRefused,
  onCancel,
}: {
  action: AgreementAction
  agreement: AgreementView
  ruleSet: ProcedureRuleSet
  onDone: () => void
  onRefused: (error: unknown) => void
  onCancel: () => void
}) => {
  const { t, language, formatDate } = useI18n()
  const tf = t.agreements.form
  const labels = useLabels()
  const queryClient = useQueryClient()
  const [date, setDate] = useState<string>(useTodayDate())
  const [offerId, setOfferId] = useState("")
  const [signedBy, setSignedBy] = useState("")
  const [ground, setGround] = useState("")
  const [initiator, setInitiator] = useState("")
  const [reason, setReason] = useState("")
  const offers = useQuery({ ...offersQuery(), enabled: action === "match" })

  const body = (): Record<string, string> => {
    switch (action) {
      case "match":
        return { offerId, date }
      case "conclude":
        return { date, signedBy: signedBy.trim() }
      case "extend":
        return { date }
      case "terminate":
        return { ground, date, initiator: initiator.trim() }
      case "close":
        return { date, reason: reason.trim() }
    }
  }

  const mutation = useMutation({
    mutationFn: () => runAction(agreement, action, body()),
    onSuccess: async () => {
      await afterAgreementChange(queryClient)
      onDone()
    },
    onMutate: () => onRefused(null),
    onError: (error) => {
      onRefused(error)
      // A stale version or a state changed elsewhere: show the refusal over the current record.
      if (error instanceof ApiProblem && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: agreementKeys.one(agreement.id) })
    },
  })

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    mutation.mutate()
  }

  const openOffers = (offers.data ?? []).filter((o) => o.remaining > 0)
  const title = t.agreements.action[action]
  return (
    <Form onSubmit={submit} className="action-form" aria-label={title}>
      <h3>{title}</h3>
      {action === "match" &&
        (offers.isSuccess && openOffers.length === 0 ? (
          <p className="muted">{tf.noOffers}</p>
        ) : (
          <SelectField
            label={tf.offer}
            value={offerId}
            onChange={(v) => setOfferId(v ?? "")}
            isRequired
            placeholder={tf.choose}
            errorMessage={tf.required}
            options={openOffers.map((o) => ({
              id: o.id,
              label: tf.offerOption(labels.institution(o.municipalityId), o.remaining, formatDate(o.date)),
            }))}
          />
        ))}
      <TextInput label={tf.date} type="date" value={date} onChange={setDate} isRequired />
      {action === "conclude" && (
        <TextInput label={tf.signedBy} value={signedBy} onChange={setSignedBy} isRequired />
      )}
      {action === "terminate" && (
        <>
          <SelectField
            label={tf.ground}
            value={ground}
            onChange={(v) => setGround(v ?? "")}
            isRequired
            placeholder={tf.choose}
            options={ruleSet.terminationGrounds.map((g) => ({
              id: g,
              label: ruleSet.labels[g]?.[language] ?? g,
            }))}
          />
          <TextInput label={tf.initiator} value={initiator} onChange={setInitiator} isRequired />
        </>
      )}
      {action === "close" && (
        <TextAreaInput label={tf.reason} value={reason} onChange={setReason} isRequired />
      )}
      <div className="form-buttons">
        <Button type="submit" className="button primary" isDisabled={mutation.isPending}>
          {tf.submit}
        </Button>
        <Button className="button" onPress={onCancel}>
          {tf.cancel}
        </Button>
      </div>
    </Form>
  )
}
