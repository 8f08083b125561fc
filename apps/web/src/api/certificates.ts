/**
 * Attendance certificates: an event's list (with what the caller may do), issuing, the printed
 * files, and the public check of a code. Answers are decoded with the domain's schemas.
 */
import { CertificateList, CertificateVerification, IssuedCertificates } from "@coordina/domain"
import { queryOptions } from "@tanstack/react-query"
import { api, authHeaders, problemOf, queryString, seg } from "./client.js"
import { resourceKeys } from "./keys.js"

/** The query keys of certificates (by event, and public checks by code). */
export const certificateKeys = resourceKeys("certificates")

/** An event's certificates: codes by person, and `allowedActions`. */
export const eventCertificatesQuery = (eventId: string) =>
  queryOptions({
    queryKey: certificateKeys.one(eventId, "event"),
    queryFn: () => api(`/v1/events/${seg(eventId)}/certificates`, { schema: CertificateList }),
  })

/** Issues certificates to everyone who attended (a repeat issues only to new attendees). */
export const issueCertificates = (eventId: string) =>
  api(`/v1/events/${seg(eventId)}/certificates`, { method: "POST", schema: IssuedCertificates })

/** Checks a code without signing in: the event and the holder's initials. */
export const verificationQuery = (code: string) =>
  queryOptions({
    queryKey: certificateKeys.one(code, "verification"),
    queryFn: () => api(`/v1/certificates/${seg(code)}`, { schema: CertificateVerification }),
    retry: false,
  })

const attachmentName = (header: string | null): string | undefined => header?.match(/filename="([^"]+)"/)?.[1]

/** Where each printed file is: all as one PDF, all as a ZIP, or one certificate. */
export const certificateFilePath = (
  file: { readonly eventId: string; readonly format: "pdf" | "zip" } | { readonly code: string },
  language: "bg" | "en",
) =>
  "code" in file
    ? `/v1/certificates/${seg(file.code)}.pdf${queryString({ language })}`
    : `/v1/events/${seg(file.eventId)}/certificates.${file.format}${queryString({ language })}`

/**
 * Downloads a printed file with the caller's credentials (a plain link would not carry a bearer
 * token), under the server's name for it.
 */
export const downloadCertificates = async (path: string): Promise<void> => {
  const res = await fetch(path, { headers: authHeaders("GET"), credentials: "same-origin" })
  if (!res.ok) {
    let body: unknown
    try {
      body = JSON.parse(await res.text())
    } catch {
      body = undefined
    }
    throw problemOf(res.status, res.statusText, body, res.headers.get("Retry-After"))
  }
  const url = URL.createObjectURL(await res.blob())
  const link = document.createElement("a")
  link.href = url
  link.download = attachmentName(res.headers.get("Content-Disposition")) ?? "certificates"
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
