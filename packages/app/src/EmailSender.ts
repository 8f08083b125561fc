/**
 * The seam between the outbox and whatever sends e-mail. The worker delivers an outbox message
 * of channel `email` through this service; without `COORDINA_SMTP_URL` the `notConfigured`
 * layer answers `not_configured`, so the message stays visible in the outbox and nothing fails.
 * @module
 */
import { Context, Data, Effect, Layer, Schema } from "effect"

/** One e-mail as the outbox stores it: already rendered, pseudonyms only, never a beneficiary's data. */
export class EmailMessage extends Schema.Class<EmailMessage>("EmailMessage")({
  /** Recipient addresses; one message may go to an institution's several contacts. */
  to: Schema.Array(Schema.String).pipe(Schema.minItems(1), Schema.maxItems(50)),
  subject: Schema.String.pipe(Schema.maxLength(300)),
  /** The plain-text part. */
  text: Schema.String,
  /** The HTML part. */
  html: Schema.String,
  /** The message's language, so a retry renders nothing again. */
  language: Schema.Literal("bg", "en"),
  /** An iCalendar attachment (`.ics`), for event confirmations. */
  calendar: Schema.optional(Schema.Struct({ filename: Schema.String, content: Schema.String })),
}) {}

/** An SMTP server refused or could not be reached; the outbox retries with back-off. */
export class EmailSendFailed extends Data.TaggedError("EmailSendFailed")<{ readonly reason: string }> {}

/** What a send came to. */
export type EmailOutcome = "sent" | "not_configured"

/** Sends one rendered e-mail. */
export class EmailSender extends Context.Tag("@coordina/app/EmailSender")<
  EmailSender,
  { readonly send: (message: EmailMessage) => Effect.Effect<EmailOutcome, EmailSendFailed> }
>() {
  /** No SMTP configured: every message is kept as `not_configured`. */
  static notConfigured = Layer.succeed(EmailSender, {
    send: () => Effect.succeed("not_configured" as const),
  })
}
