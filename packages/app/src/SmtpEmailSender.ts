/**
 * The `EmailSender` that speaks SMTP through nodemailer. The worker builds it from
 * `COORDINA_SMTP_URL` (`smtp://` or `smtps://`, with the credentials in the URL); without that
 * variable the worker uses `EmailSender.notConfigured` instead.
 * @module
 */
import { Effect, Layer, Option, Redacted } from "effect"
import type { SendMailOptions } from "nodemailer"
import { type EmailMessage, EmailSender, EmailSendFailed } from "./EmailSender.js"

/** How the SMTP sender is configured. */
export interface SmtpSettings {
  /** `smtp://user:pass@host:port` or `smtps://…`; redacted because it carries the password. */
  readonly url: Redacted.Redacted<string>
  /** The `From:` header, e.g. `Coordina <no-reply@example.bg>`. */
  readonly from: string
}

/** Why a value cannot be an SMTP URL, or `undefined` when it can. */
export const smtpUrlProblem = (value: string): string | undefined => {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return "not a URL"
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") return "the scheme must be smtp: or smtps:"
  if (!url.hostname) return "the URL names no host"
  return undefined
}

/**
 * The nodemailer message of one `EmailMessage`: a multipart/alternative text + HTML body, and
 * the `.ics` as an attachment whose content type carries `method=REQUEST`, so mail clients offer
 * to add the event to the calendar.
 */
export const toMailOptions = (message: EmailMessage, from: string): SendMailOptions => ({
  from,
  to: [...message.to],
  subject: message.subject,
  text: message.text,
  html: message.html,
  headers: { "Content-Language": message.language },
  ...(message.calendar
    ? {
        attachments: [
          {
            filename: message.calendar.filename,
            content: message.calendar.content,
            contentType: "text/calendar; charset=utf-8; method=REQUEST",
          },
        ],
      }
    : {}),
})

const make = (settings: SmtpSettings) =>
  Effect.acquireRelease(
    // nodemailer is imported when an SMTP sender is built, not with the package: a process
    // without COORDINA_SMTP_URL never carries it (about 25 MB resident, issue 9).
    Effect.promise(() => import("nodemailer")).pipe(
      Effect.map(({ default: nodemailer }) => nodemailer.createTransport(Redacted.value(settings.url))),
    ),
    (transport) => Effect.sync(() => transport.close()),
  ).pipe(
    Effect.map((transport) =>
      EmailSender.of({
        send: (message) =>
          Effect.tryPromise({
            try: () => transport.sendMail(toMailOptions(message, settings.from)),
            // The reason is kept for the outbox's error column; nodemailer's messages name the
            // host and the SMTP reply, never the password.
            catch: (cause) =>
              new EmailSendFailed({ reason: cause instanceof Error ? cause.message : String(cause) }),
          }).pipe(Effect.as("sent" as const)),
      }),
    ),
  )

/** The SMTP sender; the transport is closed when the layer's scope ends. */
export const smtpEmailSender = (settings: SmtpSettings): Layer.Layer<EmailSender> =>
  Layer.scoped(EmailSender, make(settings))

/** SMTP when a URL is configured, `not_configured` otherwise. */
export const emailSenderLayer = (settings: Option.Option<SmtpSettings>): Layer.Layer<EmailSender> =>
  Option.match(settings, { onNone: () => EmailSender.notConfigured, onSome: smtpEmailSender })
