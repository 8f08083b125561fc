/**
 * A data subject's personal data across the store: export of everything held on a person or a
 * beneficiary, erasure that keeps every count, and the candidates the retention policy may erase.
 *
 * Erasure follows the domain's Erasure rules: a person's name becomes a salted erasure key, email
 * and phone go, institution and gender stay, participations and dissemination contacts are not
 * touched, so reach figures stay identical; a beneficiary's personal part is overwritten the same
 * way while the pseudonymous case record stays. The audit log keeps the history with the erased
 * values taken out.
 * @module
 */
import { createHmac } from "node:crypto"
import * as SqlClient from "@effect/sql/SqlClient"
import {
  AlreadyErased,
  BeneficiaryNotFound,
  eraseBeneficiaryPersonal,
  fullNameKey,
  erasedGivenName,
  erasedPersonFields,
  erasePerson as erasedPerson,
  erasureKeyFromDigest,
  normaliseEmail,
  PersonNotFound,
  type IsoDate,
} from "@coordina/domain"
import { Context, DateTime, Effect, Layer } from "effect"
import { AuditLog } from "./AuditLog.js"
import { json } from "./Rows.js"

/** The erasure key of a record: HMAC-SHA-256 of `kind:id` under the configured salt. */
export const erasureKey = (salt: string, entity: string): string =>
  erasureKeyFromDigest(createHmac("sha256", salt).update(entity, "utf8").digest("hex"))

const day = (instantOrDate: unknown): string | undefined =>
  instantOrDate == null ? undefined : String(instantOrDate).slice(0, 10)

const latest = (...dates: ReadonlyArray<unknown>): IsoDate =>
  dates
    .map(day)
    .filter((d): d is string => d !== undefined)
    .sort()
    .at(-1) as IsoDate

/**
 * The columns of a people row after erasure, as the domain's `erasePerson` leaves the record:
 * each erased field takes the domain's value, or NULL where the domain drops it.
 */
export const erasedPersonColumns = (row: Record<string, unknown>, key: string) => {
  const after: Record<string, unknown> = erasedPerson(
    {
      givenName: String(row.givenName),
      familyName: String(row.familyName),
      email: row.email == null ? undefined : String(row.email),
      phone: row.phone == null ? undefined : String(row.phone),
    },
    key,
  )
  const columns = Object.fromEntries(erasedPersonFields.map((f) => [f, after[f] ?? null]))
  return { ...columns, emailKey: normaliseEmail(after.email as string | undefined) ?? null }
}

/** What erasure did. */
export interface Erased {
  readonly erasureKey: string
  readonly erasedAt: string
  readonly records: number
  readonly entities: ReadonlyArray<string>
}

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const audit = yield* AuditLog
  const nowIso = DateTime.now.pipe(Effect.map(DateTime.formatIso))

  const personRows = (id: string) =>
    Effect.gen(function* () {
      const rows = yield* sql`SELECT * FROM people WHERE id = ${id}`.pipe(Effect.orDie)
      if (!rows[0]) return yield* new PersonNotFound({ personId: id })
      // One human may be several merged records: the export and the erasure cover them all.
      const group = yield* sql`SELECT * FROM people WHERE survivor_id = ${String(rows[0].survivorId)}
        ORDER BY id`.pipe(Effect.orDie)
      return { subject: rows[0], group }
    })

  const personView = (r: Record<string, unknown>) => ({
    id: r.id,
    givenName: r.givenName,
    familyName: r.familyName,
    email: r.email ?? null,
    phone: r.phone ?? null,
    gender: r.gender ?? null,
    institutionId: r.institutionId,
    mergedInto: r.mergedInto ?? null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    erasedAt: r.erasedAt ?? null,
  })

  const auditOf = (entities: ReadonlyArray<string>) =>
    sql`SELECT * FROM audit_log WHERE ${sql.in("entity", entities)} ORDER BY id`.pipe(
      Effect.orDie,
      Effect.map((rows) =>
        rows.map((r) => ({
          at: String(r.at),
          actor: String(r.actor),
          action: String(r.action),
          entity: String(r.entity),
          before: r.before == null ? null : json(r.before),
          after: r.after == null ? null : json(r.after),
        })),
      ),
    )

  /** Everything held on a person: their records, participations, dissemination contacts, history. */
  const exportPerson = Effect.fn("PersonalData.exportPerson")(function* (id: string) {
    const { group } = yield* personRows(id)
    const ids = group.map((r) => String(r.id))
    const participations = yield* sql`
      SELECT pa.id, pa.person_id, pa.event_id, e.project_id, e.title AS event_title, e.start_date, e.end_date,
             pa.role, pa.status, pa.institution_id
      FROM participations pa JOIN events e ON e.id = pa.event_id
      WHERE ${sql.in("pa.person_id", ids)} ORDER BY pa.id`.pipe(Effect.orDie)
    const days = yield* sql`SELECT participation_id, day FROM attendance_days
      WHERE ${sql.in("participation_id", participations.length ? participations.map((p) => String(p.id)) : [""])}
      ORDER BY day`.pipe(Effect.orDie)
    const dissemination = yield* sql`
      SELECT d.id, dn.person_id, d.project_id, d.kind, d.date, d.title
      FROM dissemination_named dn JOIN dissemination_activities d ON d.id = dn.activity_id
      WHERE ${sql.in("dn.person_id", ids)} ORDER BY d.id`.pipe(Effect.orDie)
    return {
      exportedAt: yield* nowIso,
      entity: `person:${id}`,
      records: group.map(personView),
      participations: participations.map((p) => ({
        ...p,
        attendedDays: days.filter((d) => d.participationId === p.id).map((d) => String(d.day)),
      })),
      dissemination,
      history: yield* auditOf(ids.map((i) => `person:${i}`)),
    }
  })

  /**
   * Erases a person (and every record merged with them) under `salt`: names become the erasure
   * key, email and phone go; the audit log keeps the history without them. The caller records
   * the `erase` entry, in the same transaction.
   */
  const erasePerson = Effect.fn("PersonalData.erasePerson")(function* (id: string, salt: string) {
    const { subject, group } = yield* personRows(id)
    if (subject.erasedAt != null) return yield* new AlreadyErased({ entity: `person:${id}` })
    const at = yield* nowIso
    const key = erasureKey(salt, `person:${String(subject.survivorId)}`)
    const values = group.flatMap((r) =>
      [r.givenName, r.familyName, r.email, r.phone, `${r.givenName} ${r.familyName}`].filter(
        (v): v is string => typeof v === "string" && v.length > 0 && v !== erasedGivenName,
      ),
    )
    const entities = group.map((r) => `person:${String(r.id)}`)
    yield* sql
      .withTransaction(
        Effect.gen(function* () {
          for (const r of group)
            yield* sql`UPDATE people SET ${sql.update({
              ...erasedPersonColumns(r, key),
              // An erased name is never matched again: its key is the erasure key, not a name.
              nameKey: key.toLowerCase(),
              erasedAt: at,
              updatedAt: at,
            })}, version = version + 1 WHERE id = ${String(r.id)}`
          yield* audit.redact(entities, values)
        }),
      )
      .pipe(Effect.orDie)
    return { erasureKey: key, erasedAt: at, records: group.length, entities } satisfies Erased
  })

  const beneficiaryRow = (id: string) =>
    sql`SELECT b.*, p.given_name, p.family_name, p.birth_date, p.citizenship, p.gender
        FROM beneficiaries b LEFT JOIN beneficiary_personal p ON p.beneficiary_id = b.id
        WHERE b.id = ${id}`.pipe(
      Effect.orDie,
      Effect.flatMap((rows) =>
        rows[0] ? Effect.succeed(rows[0]) : Effect.fail(new BeneficiaryNotFound({ beneficiaryId: id })),
      ),
    )

  /** Everything held on a beneficiary: case record, personal data, agreements and their history. */
  const exportBeneficiary = Effect.fn("PersonalData.exportBeneficiary")(function* (id: string) {
    const b = yield* beneficiaryRow(id)
    const agreements = yield* sql`SELECT * FROM agreements WHERE beneficiary_id = ${id} ORDER BY id`.pipe(
      Effect.orDie,
    )
    const agreementIds = agreements.map((a) => String(a.id))
    const events = agreementIds.length
      ? yield* sql`SELECT * FROM agreement_events WHERE ${sql.in("agreement_id", agreementIds)}
          ORDER BY agreement_id, seq`.pipe(Effect.orDie)
      : []
    const measures = agreementIds.length
      ? yield* sql`SELECT * FROM plan_measures WHERE ${sql.in("agreement_id", agreementIds)}
          ORDER BY agreement_id, position`.pipe(Effect.orDie)
      : []
    return {
      exportedAt: yield* nowIso,
      entity: `beneficiary:${id}`,
      caseRecord: {
        id: b.id,
        pseudonym: b.pseudonym,
        statusKind: b.statusKind,
        statusDecisionDate: b.statusDecisionDate,
        familyMembers: b.familyMembers,
        createdAt: b.createdAt,
        erasedAt: b.erasedAt ?? null,
      },
      personal: {
        givenName: b.givenName ?? null,
        familyName: b.familyName ?? null,
        birthDate: b.birthDate ?? null,
        citizenship: b.citizenship ?? null,
        gender: b.gender ?? null,
      },
      agreements,
      agreementEvents: events.map((e) => ({ ...e, data: json(e.data) })),
      planMeasures: measures,
      history: yield* auditOf([`beneficiary:${id}`, ...agreementIds.map((a) => `agreement:${a}`)]),
    }
  })

  /**
   * Erases a beneficiary's personal part; the pseudonymous case record and agreements stay. The
   * caller records the `erase` entry, in the same transaction.
   */
  const eraseBeneficiary = Effect.fn("PersonalData.eraseBeneficiary")(function* (id: string, salt: string) {
    const b = yield* beneficiaryRow(id)
    if (b.erasedAt != null) return yield* new AlreadyErased({ entity: `beneficiary:${id}` })
    const at = yield* nowIso
    const key = erasureKey(salt, `beneficiary:${id}`)
    const values = [b.givenName, b.familyName, b.birthDate, `${b.givenName} ${b.familyName}`].filter(
      (v): v is string => typeof v === "string" && v.length > 0,
    )
    yield* sql
      .withTransaction(
        Effect.gen(function* () {
          const erased = eraseBeneficiaryPersonal(key)
          // The search key goes with the name, or a name search would still find the erased record.
          yield* sql`UPDATE beneficiary_personal SET ${sql.update({ ...erased, nameKey: fullNameKey(erased.givenName, erased.familyName) })}
          WHERE beneficiary_id = ${id}`
          yield* sql`UPDATE beneficiaries SET erased_at = ${at}, erasure_key = ${key} WHERE id = ${id}`
          yield* audit.redact([`beneficiary:${id}`], values)
        }),
      )
      .pipe(Effect.orDie)
    return { erasureKey: key, erasedAt: at, records: 1, entities: [`beneficiary:${id}`] } satisfies Erased
  })

  /**
   * People not yet erased, one per human (merged records together, under the survivor's id), with
   * the date retention counts from: their last event, dissemination contact or registration.
   */
  const personCandidates = Effect.fn("PersonalData.personCandidates")(function* () {
    const rows = yield* sql`
      SELECT p.survivor_id,
        MAX(p.created_at) AS created,
        MAX((SELECT MAX(e.end_date) FROM participations pa JOIN events e ON e.id = pa.event_id
             WHERE pa.person_id = p.id)) AS last_event,
        MAX((SELECT MAX(d.date) FROM dissemination_named dn
             JOIN dissemination_activities d ON d.id = dn.activity_id WHERE dn.person_id = p.id)) AS last_contact
      FROM people p WHERE p.erased_at IS NULL
      GROUP BY p.survivor_id ORDER BY p.survivor_id`.pipe(Effect.orDie)
    return rows.map((r) => ({
      id: String(r.survivorId),
      countedFrom: latest(r.created, r.lastEvent, r.lastContact),
    }))
  })

  /** Beneficiaries not yet erased, with the date retention counts from (last agreement activity). */
  const beneficiaryCandidates = Effect.fn("PersonalData.beneficiaryCandidates")(function* () {
    const rows = yield* sql`
      SELECT b.id, b.created_at, b.status_decision_date,
        (SELECT MAX(a.updated_at) FROM agreements a WHERE a.beneficiary_id = b.id) AS last_change,
        (SELECT MAX(a.end_date) FROM agreements a WHERE a.beneficiary_id = b.id) AS last_end
      FROM beneficiaries b WHERE b.erased_at IS NULL ORDER BY b.id`.pipe(Effect.orDie)
    return rows.map((r) => ({
      id: String(r.id),
      countedFrom: latest(r.createdAt, r.statusDecisionDate, r.lastChange, r.lastEnd),
    }))
  })

  return {
    exportPerson,
    erasePerson,
    exportBeneficiary,
    eraseBeneficiary,
    personCandidates,
    beneficiaryCandidates,
  } as const
})

/** A data subject's personal data: export, erasure, retention candidates. */
export class PersonalData extends Context.Tag("@coordina/store/PersonalData")<
  PersonalData,
  Effect.Effect.Success<typeof make>
>() {
  /** The store over the current `SqlClient` and audit log. */
  static readonly layer = Layer.effect(PersonalData, make)
}
