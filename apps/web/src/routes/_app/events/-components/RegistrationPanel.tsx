import type { RegistrationSettingsView } from "@coordina/domain"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { Link } from "@tanstack/react-router"
import { type FormEvent, useState } from "react"
import { Button, Checkbox, Input, Label, TextField } from "react-aria-components"
import {
  putRegistrationSettings,
  registrationKeys,
  registrationSettingsQuery,
  registrationsQuery,
} from "../../../../api/registrations.js"
import { useI18n } from "../../../../i18n/I18n.js"
import { Problem, Status } from "../../../../ui/index.js"

/** `YYYY-MM-DDTHH:mm` in the browser's zone, as a datetime-local input shows an instant. */
const localInput = (iso: string | undefined) => {
  if (!iso) return ""
  const d = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, "0")
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** An event's public registration: its settings, counts and list, on the staff event page. */
export function RegistrationPanel({ eventId }: { readonly eventId: string }) {
  const { t } = useI18n()
  const s = t.registration.staff
  const settings = useQuery(registrationSettingsQuery(eventId))
  return (
    <section aria-labelledby="public-registration" data-testid="registration-panel">
      <h2 id="public-registration">{s.title}</h2>
      {settings.isError && <Problem error={settings.error} />}
      {settings.data && <SettingsForm eventId={eventId} view={settings.data} />}
      {settings.data?.settings && (
        <p>
          <Link to="/register/$eventId" params={{ eventId }}>
            {s.link}
          </Link>
        </p>
      )}
      <RegistrationList eventId={eventId} />
    </section>
  )
}

function SettingsForm({
  eventId,
  view,
}: {
  readonly eventId: string
  readonly view: RegistrationSettingsView
}) {
  const { t } = useI18n()
  const s = t.registration.staff
  const queryClient = useQueryClient()
  const [open, setOpen] = useState(view.settings?.open ?? false)
  const [waitlist, setWaitlist] = useState(view.settings?.waitlist ?? true)
  const [capacity, setCapacity] = useState(
    view.settings?.capacity === undefined ? "" : String(view.settings.capacity),
  )
  const [closesAt, setClosesAt] = useState(localInput(view.settings?.closesAt))
  const mutation = useMutation({
    mutationFn: () =>
      putRegistrationSettings(eventId, {
        open,
        waitlist,
        ...(capacity.trim() === "" ? {} : { capacity: Number(capacity) }),
        ...(closesAt ? { closesAt: new Date(closesAt).toISOString() } : {}),
      }),
    onSuccess: () => registrationKeys.invalidate(queryClient),
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    mutation.mutate()
  }
  return (
    <form onSubmit={submit} className="stack">
      <p data-testid="registration-counts">{s.counts(view.registered, view.waitlisted)}</p>
      <Checkbox isSelected={open} onChange={setOpen} className="checkbox">
        <span className="checkbox-box" aria-hidden="true" />
        {s.open}
      </Checkbox>
      <TextField value={capacity} onChange={setCapacity} inputMode="numeric">
        <Label>{s.capacity}</Label>
        <Input name="capacity" />
      </TextField>
      <TextField value={closesAt} onChange={setClosesAt} type="datetime-local">
        <Label>{s.closesAt}</Label>
        <Input name="closesAt" />
      </TextField>
      <Checkbox isSelected={waitlist} onChange={setWaitlist} className="checkbox">
        <span className="checkbox-box" aria-hidden="true" />
        {s.waitlist}
      </Checkbox>
      {mutation.isError && <Problem error={mutation.error} />}
      {mutation.isSuccess && <Status>{s.saved}</Status>}
      <Button type="submit" isDisabled={mutation.isPending} className="button">
        {s.save}
      </Button>
    </form>
  )
}

function RegistrationList({ eventId }: { readonly eventId: string }) {
  const { t } = useI18n()
  const s = t.registration.staff
  const list = useQuery(registrationsQuery(eventId))
  if (list.isError) return <Problem error={list.error} />
  if (!list.data) return null
  return (
    <>
      <h3>{s.list}</h3>
      {list.data.items.length === 0 ? (
        <p className="muted">{s.none}</p>
      ) : (
        <table data-testid="registrations">
          <thead>
            <tr>
              <th>{s.position}</th>
              <th>{s.name}</th>
              <th>{s.email}</th>
              <th>{s.status}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((r) => (
              <tr key={r.id}>
                <td>{r.position}</td>
                <td>
                  {r.givenName} {r.familyName}
                </td>
                <td>{r.email ?? ""}</td>
                <td>{s.statuses[r.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
