import { type Event, type EventView, eventOutsideProjectPeriod, isoDate } from "@coordina/domain"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { type FormEvent, useState } from "react"
import { Button, Form } from "react-aria-components"
import { projectQuery } from "@/api/projects.js"
import { createEvent, eventKeys } from "@/api/reach.js"
import { ProblemAlert } from "@/components/reach/Fields.js"
import { SelectField, TextInput } from "@/components/Fields.js"
import { optionsOf, regionOptions } from "@/components/reach/labels.js"
import { useI18n } from "@/i18n/I18n.js"

type Kind = Event["kind"]
type Region = NonNullable<Event["planningRegion"]>

/** Creates an event of the project. */
export const EventForm = (props: {
  readonly projectId: string
  readonly onCreated: (e: EventView) => void
}) => {
  const { t, language, formatDate } = useI18n()
  const r = t.reach.events
  // The project page has loaded the project already; this reads it from the cache.
  const project = useQuery(projectQuery(props.projectId)).data
  const queryClient = useQueryClient()
  const [title, setTitle] = useState("")
  const [kind, setKind] = useState<Kind | undefined>(undefined)
  const [startDate, setStartDate] = useState("")
  const [endDate, setEndDate] = useState("")
  const [city, setCity] = useState("")
  const [region, setRegion] = useState<string | undefined>(undefined)
  const mutation = useMutation({
    mutationFn: () =>
      createEvent({
        projectId: props.projectId,
        kind: kind as Kind,
        title: title.trim(),
        startDate,
        endDate: endDate || startDate,
        city: city.trim(),
        ...(region ? { planningRegion: region as Region } : {}),
      }),
    onSuccess: async (event) => {
      await eventKeys.invalidate(queryClient)
      props.onCreated(event)
    },
  })
  // Said beside the dates before saving; the server flags it again on the saved event.
  const day = (d: string) => {
    try {
      return isoDate(d)
    } catch {
      return undefined
    }
  }
  const start = day(startDate)
  const end = endDate === "" ? start : day(endDate)
  const outside =
    project !== undefined &&
    start !== undefined &&
    end !== undefined &&
    eventOutsideProjectPeriod(
      { startDate: start, endDate: end },
      { start: isoDate(project.startDate), end: isoDate(project.endDate) },
    )
  const periodWarning =
    outside && project
      ? r.outsidePeriodBeforeSave(formatDate(project.startDate), formatDate(project.endDate))
      : undefined
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
        options={optionsOf(t.reach.eventKind)}
        isRequired
      />
      <TextInput
        label={r.startDate}
        type="date"
        value={startDate}
        onChange={setStartDate}
        isRequired
        description={periodWarning}
      />
      <TextInput
        label={r.endDate}
        type="date"
        value={endDate}
        onChange={setEndDate}
        description={periodWarning}
      />
      <TextInput label={r.city} value={city} onChange={setCity} isRequired />
      <SelectField
        label={r.planningRegion}
        value={region}
        onChange={setRegion}
        options={regionOptions(language)}
        emptyLabel="—"
      />
      {mutation.isError && <ProblemAlert error={mutation.error} />}
      <div className="form-actions">
        <Button type="submit" className="button primary" isDisabled={mutation.isPending}>
          {mutation.isPending ? t.reach.saving : t.app.create}
        </Button>
      </div>
    </Form>
  )
}
