import { useMutation, useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute } from "@tanstack/react-router"
import { type FormEvent, useState } from "react"
import { Button, Input, Label, TextField } from "react-aria-components"
import { calendarHref, publicEventQuery, register } from "../api/registrations.js"
import { LanguageSwitch } from "../components/LanguageSwitch.js"
import { useI18n } from "../i18n/I18n.js"
import { Problem } from "../ui/index.js"

/** The public registration page of an event: no account, outside the signed-in layout. */
export const Route = createFileRoute("/register/$eventId")({
  loader: ({ context, params }) => context.queryClient.ensureQueryData(publicEventQuery(params.eventId)),
  component: RegisterPage,
})

function RegisterPage() {
  const { t, language, formatDate } = useI18n()
  const p = t.registration.page
  const { eventId } = Route.useParams()
  const { data: event } = useSuspenseQuery(publicEventQuery(eventId))
  const full = event.seatsLeft === 0
  const takes = event.open && (!full || event.waitlist)
  return (
    <main className="sign-in">
      <div className="sign-in-card register-card">
        <header className="sign-in-header">
          <p className="muted">{p.title}</p>
          <LanguageSwitch />
        </header>
        <h1>{event.title}</h1>
        <dl className="facts">
          <dt>{p.dates}</dt>
          <dd>
            {formatDate(event.startDate)}
            {event.endDate !== event.startDate ? ` – ${formatDate(event.endDate)}` : ""}
          </dd>
          <dt>{p.place}</dt>
          <dd>{event.city}</dd>
          {event.closesAt && (
            <>
              <dt>{p.closesAt}</dt>
              <dd>{new Date(event.closesAt).toLocaleString(language === "bg" ? "bg-BG" : "en-GB")}</dd>
            </>
          )}
        </dl>
        <p role="status" data-testid="seats">
          {!event.open
            ? p.closed
            : event.seatsLeft === null
              ? p.noLimit
              : full
                ? event.waitlist
                  ? p.fullWaitlist
                  : p.full
                : p.seatsLeft(event.seatsLeft)}
        </p>
        <p>
          <a href={calendarHref(eventId, language)} download>
            {p.calendar}
          </a>
        </p>
        {takes && <RegistrationForm eventId={eventId} proof={event.proof} waitlist={full} />}
      </div>
    </main>
  )
}

function RegistrationForm(props: {
  readonly eventId: string
  readonly proof: string
  readonly waitlist: boolean
}) {
  const { t, language } = useI18n()
  const p = t.registration.page
  const [givenName, setGivenName] = useState("")
  const [familyName, setFamilyName] = useState("")
  const [email, setEmail] = useState("")
  const [institutionName, setInstitutionName] = useState("")
  const [website, setWebsite] = useState("")
  const [missing, setMissing] = useState(false)
  const mutation = useMutation({
    mutationFn: () =>
      register(props.eventId, {
        givenName,
        familyName,
        email,
        institutionName,
        language,
        proof: props.proof,
        ...(website ? { website } : {}),
      }),
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const filled = [givenName, familyName, email, institutionName].every((v) => v.trim() !== "")
    setMissing(!filled)
    if (filled) mutation.mutate()
  }
  if (mutation.isSuccess)
    return (
      <p role="status" className="success" data-testid="registration-done">
        {mutation.data.status === "registered" ? p.registered : p.waitlisted}
      </p>
    )
  return (
    <form onSubmit={submit} noValidate>
      <TextField value={givenName} onChange={setGivenName} isRequired>
        <Label>{p.givenName}</Label>
        <Input name="givenName" autoComplete="given-name" />
      </TextField>
      <TextField value={familyName} onChange={setFamilyName} isRequired>
        <Label>{p.familyName}</Label>
        <Input name="familyName" autoComplete="family-name" />
      </TextField>
      <TextField value={email} onChange={setEmail} type="email" isRequired>
        <Label>{p.email}</Label>
        <Input name="email" autoComplete="email" />
      </TextField>
      <TextField value={institutionName} onChange={setInstitutionName} isRequired>
        <Label>{p.institution}</Label>
        <Input name="institutionName" autoComplete="organization" />
      </TextField>
      {/* The honeypot: hidden from people and from assistive technology; only bots fill it in. */}
      <div className="honeypot" aria-hidden="true">
        <label>
          {p.honeypot}
          <input
            name="website"
            tabIndex={-1}
            autoComplete="off"
            value={website}
            onChange={(e) => setWebsite(e.target.value)}
          />
        </label>
      </div>
      {missing && (
        <p role="alert" className="error">
          {p.required}
        </p>
      )}
      {mutation.isError && <Problem error={mutation.error} />}
      <Button type="submit" isDisabled={mutation.isPending} className="button primary">
        {props.waitlist ? p.joinWaitlist : p.submit}
      </Button>
    </form>
  )
}
