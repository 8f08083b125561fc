/**
 * Attendance certificates. A person holds at most one per event; issuing keeps an existing
 * code, so a certificate already handed out stays valid.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Certificate, CertificateNotFound } from "@coordina/domain"
import { Context, Effect, Layer, Schema } from "effect"

const decodeCertificate = Schema.decodeUnknownSync(Certificate)

const toCertificate = (r: Record<string, unknown>): Certificate =>
  decodeCertificate({ code: r.code, eventId: r.eventId, personId: r.personId, issuedAt: r.issuedAt })

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  /** Stores each offered certificate whose person holds none for the event yet. */
  const issue = Effect.fn("CertificatesRepository.issue")(function* (offered: ReadonlyArray<Certificate>) {
    for (const c of offered)
      yield* sql`INSERT INTO certificates ${sql.insert({
        code: c.code,
        eventId: c.eventId,
        personId: c.personId,
        issuedAt: c.issuedAt,
      })} ON CONFLICT (event_id, person_id) DO NOTHING`.pipe(Effect.orDie)
  })

  /** The event's certificates, by person. */
  const forEvent = Effect.fn("CertificatesRepository.forEvent")(function* (eventId: string) {
    const rows = yield* sql`SELECT * FROM certificates WHERE event_id = ${eventId} ORDER BY person_id`.pipe(
      Effect.orDie,
    )
    return rows.map(toCertificate)
  })

  /** The certificate a code names. */
  const byCode = Effect.fn("CertificatesRepository.byCode")(function* (code: string) {
    const rows = yield* sql`SELECT * FROM certificates WHERE code = ${code}`.pipe(Effect.orDie)
    if (!rows[0]) return yield* new CertificateNotFound({ certificateCode: code })
    return toCertificate(rows[0])
  })

  return { issue, forEvent, byCode } as const
})

/** Stores attendance certificates. */
export class CertificatesRepository extends Context.Tag("@coordina/store/CertificatesRepository")<
  CertificatesRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(CertificatesRepository, make)
}
