import { planAreaLabels } from "@coordina/domain"
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute } from "@tanstack/react-router"
import { type FormEvent, useState } from "react"
import { Button, Form } from "react-aria-components"
import { createOffer, offersQuery, offerKeys } from "../../../api/agreements.js"
import { Panel } from "../../../components/agreements/Fields.js"
import { MultiSelectField, SelectField, TextAreaInput, TextInput } from "../../../components/Fields.js"
import { ProblemBox, useLabels } from "../../../components/agreements/Shared.js"
import { useTodayDate } from "../../../api/today.js"
import { useI18n } from "../../../i18n/I18n.js"

export const Route = createFileRoute("/_app/offers/")({
  loader: ({ context }) => context.queryClient.ensureQueryData(offersQuery()),
  component: OffersPage,
})

function OffersPage() {
  const { t, formatDate, formatNumber } = useI18n()
  const to = t.agreements.offers
  const labels = useLabels()
  const { data: offers } = useSuspenseQuery(offersQuery())
  const sorted = [...offers].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
  return (
    <section>
      <h1>{to.title}</h1>
      <p className="muted">{to.intro}</p>
      {sorted.length === 0 ? (
        <p className="muted">{to.none}</p>
      ) : (
        <table className="table" aria-label={to.title}>
          <thead>
            <tr>
              <th scope="col">{to.municipality}</th>
              <th scope="col">{to.date}</th>
              <th scope="col" className="number">
                {to.capacity}
              </th>
              <th scope="col" className="number">
                {to.taken}
              </th>
              <th scope="col" className="number">
                {to.remaining}
              </th>
              <th scope="col">{to.areas}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((o) => (
              <tr key={o.id}>
                <td>
                  {labels.institution(o.municipalityId)}
                  {o.note && <div className="muted small">{o.note}</div>}
                </td>
                <td>{formatDate(o.date)}</td>
                <td className="number">{formatNumber(o.capacity)}</td>
                <td className="number">{formatNumber(o.taken)}</td>
                <td className={`number${o.remaining === 0 ? " error" : ""}`}>{formatNumber(o.remaining)}</td>
                <td>{o.plannedAreas.map((a) => labels.code(a)).join("; ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Panel title={to.create} id="new-offer">
        <NewOfferForm />
      </Panel>
    </section>
  )
}

const NewOfferForm = () => {
  const { t, language } = useI18n()
  const to = t.agreements.offers
  const labels = useLabels()
  const queryClient = useQueryClient()
  const [municipalityId, setMunicipalityId] = useState("")
  const [date, setDate] = useState<string>(useTodayDate())
  const [capacity, setCapacity] = useState("1")
  const [areas, setAreas] = useState<ReadonlyArray<string>>([])
  const [note, setNote] = useState("")
  const mutation = useMutation({
    mutationFn: () =>
      createOffer({
        municipalityId,
        date,
        capacity: Number(capacity),
        plannedAreas: areas,
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: async () => {
      setMunicipalityId("")
      setAreas([])
      setNote("")
      await offerKeys.invalidate(queryClient)
    },
  })
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    mutation.mutate()
  }
  const municipalities = labels.institutions.filter((i) => i.kind === "municipality")
  return (
    <Form onSubmit={submit} className="form-card">
      {municipalities.length === 0 && <p className="muted">{to.noMunicipalities}</p>}
      <SelectField
        label={to.municipality}
        value={municipalityId}
        onChange={(v) => setMunicipalityId(v ?? "")}
        isRequired
        placeholder={t.agreements.form.choose}
        options={municipalities.map((m) => ({ id: m.id, label: m.name }))}
      />
      <TextInput label={to.date} type="date" value={date} onChange={setDate} isRequired />
      <TextInput
        label={to.capacity}
        type="number"
        min={1}
        value={capacity}
        onChange={setCapacity}
        isRequired
      />
      <MultiSelectField
        label={to.areas}
        value={areas}
        onChange={setAreas}
        placeholder={t.agreements.form.choose}
        options={Object.entries(planAreaLabels).map(([id, l]) => ({ id, label: l[language] }))}
      />
      <TextAreaInput label={to.note} value={note} onChange={setNote} />
      <ProblemBox error={mutation.error} />
      <Button type="submit" className="button primary" isDisabled={mutation.isPending}>
        {to.submit}
      </Button>
    </Form>
  )
}
