/**
 * Public event registration: the public page's event and form, and the staff side (settings,
 * the list). The public calls carry no credentials the API needs; it answers them without any.
 */
import {
  type NewRegistration,
  PublicEvent,
  RegistrationPage,
  RegistrationReceipt,
  type RegistrationSettings,
  RegistrationSettingsView,
} from "@coordina/domain"
import { queryOptions } from "@tanstack/react-query"
import { api, seg, send } from "./client.js"
import { resourceKeys } from "./keys.js"

/** The query keys of registrations. */
export const registrationKeys = resourceKeys("registrations")

/** An event as the public page shows it, with the proof its form sends back. */
export const publicEventQuery = (eventId: string) =>
  queryOptions({
    queryKey: registrationKeys.one(eventId, "public"),
    queryFn: () => api(`/v1/public/events/${seg(eventId)}`, { schema: PublicEvent }),
    // The proof is good for two hours; a page left open longer fetches a fresh one.
    staleTime: 30 * 60_000,
    refetchInterval: 30 * 60_000,
  })

/** Sends the public form. */
export const register = (eventId: string, body: typeof NewRegistration.Encoded) =>
  api(`/v1/public/events/${seg(eventId)}/registrations`, {
    method: "POST",
    body,
    schema: RegistrationReceipt,
  })

/** The `.ics` file's address. */
export const calendarHref = (eventId: string, language: "bg" | "en") =>
  `/v1/public/events/${seg(eventId)}.ics?lang=${language}`

/** An event's registration settings and counts (staff). */
export const registrationSettingsQuery = (eventId: string) =>
  queryOptions({
    queryKey: registrationKeys.one(eventId, "settings"),
    queryFn: () => api(`/v1/events/${seg(eventId)}/registration`, { schema: RegistrationSettingsView }),
  })

/** Sets an event's registration settings (staff). */
export const putRegistrationSettings = (eventId: string, body: typeof RegistrationSettings.Encoded) =>
  api(`/v1/events/${seg(eventId)}/registration`, { method: "PUT", body, schema: RegistrationSettingsView })

/** The first page of an event's registrations (staff; each person read is audited). */
export const registrationsQuery = (eventId: string) =>
  queryOptions({
    queryKey: registrationKeys.one(eventId, "list"),
    queryFn: () => api(`/v1/events/${seg(eventId)}/registrations?limit=500`, { schema: RegistrationPage }),
  })

/** Cancels a registration by the secret token of its e-mail link. */
export const cancelRegistration = (token: string) =>
  send(`/v1/public/registrations/${seg(token)}`, { method: "DELETE" })
