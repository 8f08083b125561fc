import type { Participation, Person } from "@coordina/domain"
import { eventDays, isoDate } from "@coordina/domain"
import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute, Link } from "@tanstack/react-router"
import { type FormEvent, useState } from "react"
import { Button, Checkbox, CheckboxGroup, Form, Label } from "react-aria-components"
import {
  addParticipation,
  eventQuery,
  participationsQuery,
  peopleByIdsQuery,
  setAttendance,
  afterReachChange,
} from "../../../api/reach.js"
import { ProblemAlert, StatusMessage } from "../../../components/reach/Fields.js"
import { SelectField } from "../../../components/Fields.js"
import { optionsOf, placeName } from "../../../components/reach/labels.js"
import { useInstitutionNames } from "../../../api/institutions.js"
import { PersonPicker } from "../../../components/reach/PersonPicker.js"
import { useI18n } from "../../../i18n/I18n.js"
import { RegistrationPanel } from "./-components/RegistrationPanel.js"
import { EventEvaluation } from "./-components/Evaluation.js"
import { Certificates } from "./-components/Certificates.js"
import { SheetUpload } from "./-components/SheetUpload.js"

/** An event: registration, check-in by day, the sign-in sheet upload, and its certificates. */
export const Route = createFileRoute("/_app/events/$eventId")({
  loader: ({ context, params }) => context.queryClient.ensureQueryData(eventQuery(params.eventId)),
  component: EventPage,
})

type Role = Participation["role"]
type Status = Participation["status"]

function EventPage() {
  const { t, language, formatDate } = useI18n()
  const r = t.reach.events
  const { eventId } = Route.useParams()
  const { data: event } = useSuspenseQuery(eventQuery(eventId))
  return (
    <section>
      <p className="muted">
        <Link to="/projects/$projectId/events" params={{ projectId: event.projectId }}>
          {r.title}
        </Link>
      </p>
      <h1>{event.title}</h1>
      {event.outsideProjectPeriod && (
        <p className="warning" role="status" data-testid="outside-period">
          {r.outsidePeriodWarning}
        </p>
      )}
      <dl className="facts">
        <dt>{r.kind}</dt>
        <dd>{t.reach.eventKind[event.kind]}</dd>
        <dt>{r.dates}</dt>
        <dd>
          {formatDate(event.startDate)}
          {event.endDate !== event.startDate ? ` – ${formatDate(event.endDate)}` : ""}
        </dd>
        <dt>{r.city}</dt>
        <dd>
          {event.city}
          {event.planningRegion ? ` (${placeName(event.planningRegion, language)})` : ""}
        </dd>
      </dl>
      <Registration eventId={eventId} />
      <Participants eventId={eventId} startDate={event.startDate} endDate={event.endDate} />
      <SheetUpload eventId={eventId} />
      <RegistrationPanel eventId={eventId} />
      <EventEvaluation eventId={eventId} endDate={event.endDate} />
      <Certificates eventId={eventId} />
    </section>
  )
}

function Registration({ eventId }: { readonly eventId: string }) {
  const { t } = useI18n()
  const r = t.reach.events
  const queryClient = useQueryClient()
  const [person, setPerson] = useState<Person | null>(null)
  const [role, setRole] = useState<Role>("participant")
  const [status, setStatus] = useState<Status>("registered")
  const [done, setDone] = useState<string | null>(null)
  const mutation = useMutation({
    mutationFn: (p: Person) => addParticipation(eventId, { personId: p.id, role, status }),
    onSuccess: async (_, p) => {
      setDone(r.registered(`${p.givenName} ${p.familyName}`))
      await afterReachChange(queryClient)
    },
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (person) mutation.mutate(person)
  }
  return (
    <section aria-labelledby="registration" className="panel">
      <h2 id="registration">{r.registration}</h2>
      <Form onSubmit={submit} className="form-grid">
        <PersonPicker label={r.personSearch} onSelect={setPerson} />
        <SelectField
          label={t.reach.people.role}
          value={role}
          onChange={(v) => setRole((v ?? "participant") as Role)}
          options={optionsOf(t.reach.role)}
        />
        <SelectField
          label={t.reach.people.status}
          value={status}
          onChange={(v) => setStatus((v ?? "registered") as Status)}
          options={optionsOf(t.reach.status)}
        />
        <div className="form-actions">
          <Button type="submit" className="button primary" isDisabled={!person || mutation.isPending}>
            {r.register}
          </Button>
        </div>
      </Form>
      {mutation.isError && <ProblemAlert error={mutation.error} />}
      {done && !mutation.isError && <StatusMessage>{done}</StatusMessage>}
    </section>
  )
}

function Participants(props: {
  readonly eventId: string
  readonly startDate: string
  readonly endDate: string
}) {
  const { t } = useI18n()
  const r = t.reach.events
  const participations = useQuery(participationsQuery(props.eventId))
  const items = participations.data ?? []
  const institutionName = useInstitutionNames(items.map((p) => p.institutionId))
  const people = useQuery(peopleByIdsQuery(items.map((p) => p.personId)))
  const nameOf = (id: string) => {
    const p = people.data?.find((person) => person.id === id)
    return p ? `${p.givenName} ${p.familyName}` : id
  }
  const days = eventDays({ startDate: isoDate(props.startDate), endDate: isoDate(props.endDate) })
  return (
    <section aria-labelledby="participants" className="panel">
      <h2 id="participants">{r.participants}</h2>
      {participations.isError ? (
        <ProblemAlert error={participations.error} />
      ) : items.length === 0 ? (
        <p className="muted">{participations.isPending ? t.app.loading : r.noParticipants}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t.reach.people.name}</th>
              <th scope="col">{t.reach.people.institution}</th>
              <th scope="col">{t.reach.people.role}</th>
              <th scope="col">{t.reach.people.status}</th>
              <th scope="col">{t.reach.people.days}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to="/people/$personId" params={{ personId: p.personId }}>
                    {nameOf(p.personId)}
                  </Link>
                </td>
                <td>{institutionName(p.institutionId)}</td>
                <td>{t.reach.role[p.role]}</td>
                <td>{t.reach.status[p.status]}</td>
                <td>
                  <CheckIn eventId={props.eventId} participation={p} name={nameOf(p.personId)} days={days} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function CheckIn(props: {
  readonly eventId: string
  readonly participation: Participation
  readonly name: string
  readonly days: ReadonlyArray<string>
}) {
  const { t, formatDate } = useI18n()
  const queryClient = useQueryClient()
  const mutation = useMutation({
    mutationFn: (days: ReadonlyArray<string>) =>
      setAttendance(props.eventId, props.participation.personId, days),
    onSuccess: () => afterReachChange(queryClient),
  })
  const [value, setValue] = useState<ReadonlyArray<string>>(props.participation.attendedDays)
  const label = t.reach.events.checkIn(props.name)
  return (
    <>
      <CheckboxGroup
        value={[...value]}
        onChange={(days) => {
          setValue(days)
          mutation.mutate([...days].sort())
        }}
        className="checkin"
        isDisabled={mutation.isPending}
      >
        <Label className="sr-only">{label}</Label>
        {props.days.map((day) => (
          <Checkbox key={day} value={day} className="checkbox">
            <span className="checkbox-box" aria-hidden="true" />
            {formatDate(day)}
          </Checkbox>
        ))}
      </CheckboxGroup>
      {mutation.isError && <ProblemAlert error={mutation.error} />}
      {mutation.isSuccess && (
        <span className="sr-only" role="status">
          {t.reach.events.attendanceSaved(props.name)}
        </span>
      )}
    </>
  )
}
