import type { DisseminationActivity, Person } from "@coordina/domain"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { type FormEvent, useState } from "react"
import { Button, Form, Label, Radio, RadioGroup } from "react-aria-components"
import { createDissemination, afterReachChange } from "@/api/reach.js"
import { CountInput, ProblemAlert } from "@/components/reach/Fields.js"
import { SelectField, TextInput } from "@/components/Fields.js"
import { optionsOf } from "@/components/reach/labels.js"
import { PersonPicker } from "@/components/reach/PersonPicker.js"
import { useI18n } from "@/i18n/I18n.js"

type Kind = DisseminationActivity["kind"]
type Method = DisseminationActivity["method"]

/** Records a dissemination activity: named persons, plus people counted or estimated. */
export const DisseminationForm = (props: {
  readonly projectId: string
  readonly onCreated: (a: DisseminationActivity) => void
}) => {
  const { t } = useI18n()
  const r = t.reach.dissemination
  const queryClient = useQueryClient()
  const [title, setTitle] = useState("")
  const [kind, setKind] = useState<Kind | undefined>(undefined)
  const [date, setDate] = useState("")
  const [named, setNamed] = useState<ReadonlyArray<Person>>([])
  const [additionalCount, setAdditionalCount] = useState(0)
  const [method, setMethod] = useState<Method>("counted")
  const mutation = useMutation({
    mutationFn: () =>
      createDissemination({
        projectId: props.projectId,
        kind: kind as Kind,
        date,
        title: title.trim(),
        namedPersonIds: named.map((p) => p.id),
        additionalCount,
        method,
      }),
    onSuccess: async (activity) => {
      await afterReachChange(queryClient)
      props.onCreated(activity)
    },
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    mutation.mutate()
  }
  return (
    <Form onSubmit={submit} className="form-grid" aria-label={r.createTitle}>
      <TextInput label={r.name} value={title} onChange={setTitle} isRequired autoFocus />
      <SelectField
        label={r.kind}
        value={kind}
        onChange={(k) => setKind(k as Kind | undefined)}
        options={optionsOf(t.reach.disseminationKind)}
        isRequired
      />
      <TextInput label={r.date} type="date" value={date} onChange={setDate} isRequired />
      <fieldset className="wide">
        <legend>{r.named}</legend>
        <PersonPicker
          label={r.addNamed}
          clearOnSelect
          exclude={named.map((p) => p.id)}
          onSelect={(p) => setNamed((list) => [...list, p])}
        />
        {named.length > 0 && (
          <ul className="chips">
            {named.map((p) => {
              const name = `${p.givenName} ${p.familyName}`
              return (
                <li key={p.id}>
                  {name}{" "}
                  <Button
                    className="chip-remove"
                    aria-label={r.remove(name)}
                    onPress={() => setNamed((list) => list.filter((x) => x.id !== p.id))}
                  >
                    ×
                  </Button>
                </li>
              )
            })}
          </ul>
        )}
      </fieldset>
      <CountInput label={r.additionalCount} value={additionalCount} onChange={setAdditionalCount} />
      <RadioGroup value={method} onChange={(m) => setMethod(m as Method)} className="field radio-group">
        <Label>{r.method}</Label>
        {(["counted", "estimated"] as const).map((m) => (
          <Radio key={m} value={m} className="radio">
            {t.reach.method[m]}
          </Radio>
        ))}
      </RadioGroup>
      {mutation.isError && <ProblemAlert error={mutation.error} />}
      <div className="form-actions">
        <Button type="submit" className="button primary" isDisabled={mutation.isPending}>
          {mutation.isPending ? t.reach.saving : t.app.create}
        </Button>
      </div>
    </Form>
  )
}
