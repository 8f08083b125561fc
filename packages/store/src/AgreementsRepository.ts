/**
 * Agreements: the append-only history in `agreement_events` and, beside it, the snapshot the
 * events leave in `agreements` (for lists, filters and the review). Every change goes through
 * {@link AgreementsRepository} `act`, which in one transaction reads the snapshot, checks the
 * client's version, lets the domain decide the next event, appends it and updates the snapshot.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import {
  Agreement,
  AgreementEvent,
  AgreementNotFound,
  type AgreementState,
  AgreementVersionStale,
  apply,
  type IntentDeclared,
  pseudonymQuery,
  searchTerms,
} from "@coordina/domain"
import { Context, DateTime, Effect, Layer, Schema } from "effect"
import { int, json, opt, type Page, type PageRequest, pageSize, toPage } from "./Rows.js"
import { nameSearchCondition } from "./RuleSql.js"

const decodeAgreement = Schema.decodeUnknownSync(Agreement)
const decodeEvent = Schema.decodeUnknownSync(AgreementEvent)
const encodeEvent = Schema.encodeSync(AgreementEvent)

const optionalColumns = [
  "intentDeadline",
  "offerId",
  "municipalityId",
  "matchedOn",
  "concludedOn",
  "signedBy",
  "startDate",
  "endDate",
  "extendedOn",
  "terminatedOn",
  "terminationGround",
  "initiator",
  "closedOn",
  "closeReason",
] as const

const toAgreement = (r: Record<string, unknown>): Agreement =>
  decodeAgreement({
    id: r.id,
    beneficiaryId: r.beneficiaryId,
    procedureId: r.procedureId,
    state: r.state,
    statusDecisionDate: r.statusDecisionDate,
    intentDate: r.intentDate,
    intentLate: int(r.intentLate) === 1,
    extensions: int(r.extensions),
    version: int(r.version),
    ...Object.assign({}, ...optionalColumns.map((k) => opt(k, r[k]))),
  })

/** The snapshot columns of an agreement. */
const snapshot = (a: Agreement) => ({
  beneficiaryId: a.beneficiaryId,
  procedureId: a.procedureId,
  state: a.state,
  statusDecisionDate: a.statusDecisionDate,
  intentDate: a.intentDate,
  intentLate: a.intentLate ? 1 : 0,
  extensions: a.extensions,
  version: a.version,
  ...Object.fromEntries(optionalColumns.map((k) => [k, a[k] ?? null])),
})

/** What an agreement list can be filtered by. */
export interface AgreementFilter extends PageRequest {
  readonly municipalityId?: string | undefined
  /** Only agreements matched to these municipalities (a case worker's scope). */
  readonly municipalityIds?: ReadonlyArray<string> | undefined
  readonly procedureId?: string | undefined
  readonly beneficiaryId?: string | undefined
  /** The state on `asOf`: `expired` and `active` are told apart by the end date. */
  readonly state?: AgreementState | undefined
  readonly asOf: string
  /** Text the beneficiary's pseudonym holds, or (with `names`) every word of their name. */
  readonly q?: string | undefined
  /** Match `q` against the beneficiary's name too (only for callers who may read personal data). */
  readonly names?: boolean | undefined
}

/** An agreement found by a list: with its beneficiary's pseudonym and whether their name matched. */
export interface ListedAgreement extends Agreement {
  readonly beneficiaryPseudonym: string
  /** The name matched `q`: a read of personal data the caller must audit. */
  readonly byName: boolean
}

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const now = DateTime.now.pipe(Effect.map(DateTime.formatIso))

  const find = (id: string, lock: boolean) =>
    (lock
      ? sql.onDialectOrElse({
          pg: () => sql`SELECT * FROM agreements WHERE id = ${id} FOR UPDATE`,
          orElse: () => sql`SELECT * FROM agreements WHERE id = ${id}`,
        })
      : sql`SELECT * FROM agreements WHERE id = ${id}`
    ).pipe(Effect.orDie)

  const get = Effect.fn("AgreementsRepository.get")(function* (id: string) {
    const rows = yield* find(id, false)
    if (!rows[0]) return yield* new AgreementNotFound({ agreementId: id })
    return toAgreement(rows[0])
  })

  /** Plan version: the plan is versioned apart from the agreement's history. */
  const planVersion = Effect.fn("AgreementsRepository.planVersion")(function* (id: string) {
    const rows = yield* sql`SELECT plan_version FROM agreements WHERE id = ${id}`.pipe(Effect.orDie)
    if (!rows[0]) return yield* new AgreementNotFound({ agreementId: id })
    return int(rows[0].planVersion)
  })

  const appendEvent = (agreementId: string, seq: number, e: AgreementEvent) => {
    const encoded = encodeEvent(e)
    return sql`INSERT INTO agreement_events ${sql.insert({
      agreementId,
      seq,
      type: encoded.type,
      at: encoded.at,
      actor: encoded.by,
      data: JSON.stringify(encoded.data),
    })}`
  }

  /** Records an intent: the agreement's first event and its snapshot. */
  const create = Effect.fn("AgreementsRepository.create")(function* (intent: typeof IntentDeclared.Type) {
    const a = apply(undefined, intent)
    const at = yield* now
    yield* sql
      .withTransaction(
        Effect.all([
          sql`INSERT INTO agreements ${sql.insert({ id: a.id, ...snapshot(a), planVersion: 0, createdAt: at, updatedAt: at })}`,
          appendEvent(a.id, 1, intent),
        ]),
      )
      .pipe(Effect.orDie)
    return a
  })

  /**
   * Applies the event `decide` chooses for the current agreement, in one transaction.
   * With `expectedVersion`, a newer agreement fails with `AgreementVersionStale`.
   */
  const act = <E, R>(
    id: string,
    expectedVersion: number | undefined,
    decide: (current: Agreement) => Effect.Effect<AgreementEvent, E, R>,
  ): Effect.Effect<Agreement, E | AgreementNotFound | AgreementVersionStale, R> =>
    Effect.gen(function* () {
      const rows = yield* find(id, true)
      if (!rows[0]) return yield* new AgreementNotFound({ agreementId: id })
      const current = toAgreement(rows[0])
      if (expectedVersion !== undefined && expectedVersion !== current.version)
        return yield* new AgreementVersionStale({
          entity: `agreement:${id}`,
          expectedVersion,
          currentVersion: current.version,
        })
      const event = yield* decide(current)
      const next = apply(current, event)
      const at = yield* now
      const updated = yield* sql`
        UPDATE agreements SET ${sql.update({ ...snapshot(next), updatedAt: at })}
        WHERE id = ${id} AND version = ${current.version} RETURNING id`.pipe(Effect.orDie)
      if (updated.length === 0)
        return yield* new AgreementVersionStale({
          entity: `agreement:${id}`,
          expectedVersion: current.version,
          currentVersion: current.version + 1,
        })
      yield* appendEvent(id, next.version, event).pipe(Effect.orDie)
      return next
    }).pipe(sql.withTransaction, Effect.catchTag("SqlError", Effect.die)) as Effect.Effect<
      Agreement,
      E | AgreementNotFound | AgreementVersionStale,
      R
    >

  /** Bumps the plan's version, checking the client's; inside the caller's transaction. */
  const bumpPlanVersion = Effect.fn("AgreementsRepository.bumpPlanVersion")(function* (
    id: string,
    expectedVersion: number | undefined,
  ) {
    const current = yield* planVersion(id)
    if (expectedVersion !== undefined && expectedVersion !== current)
      return yield* new AgreementVersionStale({
        entity: `plan:${id}`,
        expectedVersion,
        currentVersion: current,
      })
    const updated = yield* sql`
      UPDATE agreements SET plan_version = ${current + 1} WHERE id = ${id} AND plan_version = ${current}
      RETURNING id`.pipe(Effect.orDie)
    if (updated.length === 0)
      return yield* new AgreementVersionStale({
        entity: `plan:${id}`,
        expectedVersion: current,
        currentVersion: current + 1,
      })
    return current + 1
  })

  /** The history of an agreement, oldest first. */
  const events = Effect.fn("AgreementsRepository.events")(function* (id: string) {
    yield* get(id)
    const rows = yield* sql`SELECT * FROM agreement_events WHERE agreement_id = ${id} ORDER BY seq`.pipe(
      Effect.orDie,
    )
    return rows.map((r) => decodeEvent({ type: r.type, at: r.at, by: r.actor, data: json(r.data) }))
  })

  const stateClause = (state: AgreementState | undefined, asOf: string) => {
    switch (state) {
      case undefined:
        return sql`1 = 1`
      case "expired":
        return sql`a.state = 'active' AND a.end_date < ${asOf}`
      case "active":
        return sql`a.state = 'active' AND a.end_date >= ${asOf}`
      default:
        return sql`a.state = ${state}`
    }
  }

  /** The name condition of `q`, or none: a query of punctuation only matches no name. */
  const nameClause = (filter: AgreementFilter) => {
    const terms = filter.names && filter.q ? searchTerms(filter.q) : []
    return terms.length > 0 ? nameSearchCondition(sql, "p.name_key", terms) : sql`1 = 0`
  }

  /** Every filter but the cursor, over `agreements a` joined to the beneficiary and their name. */
  const filterClause = (filter: AgreementFilter) => {
    const q = filter.q?.trim() ?? ""
    return sql.and([
      filter.municipalityId ? sql`a.municipality_id = ${filter.municipalityId}` : sql`1 = 1`,
      filter.municipalityIds
        ? filter.municipalityIds.length === 0
          ? sql`1 = 0`
          : sql.in("a.municipality_id", filter.municipalityIds)
        : sql`1 = 1`,
      filter.procedureId ? sql`a.procedure_id = ${filter.procedureId}` : sql`1 = 1`,
      filter.beneficiaryId ? sql`a.beneficiary_id = ${filter.beneficiaryId}` : sql`1 = 1`,
      stateClause(filter.state, filter.asOf),
      q === ""
        ? sql`1 = 1`
        : sql`(${sql.onDialectOrElse({
            pg: () => sql`strpos(b.pseudonym, ${pseudonymQuery(q)}) > 0`,
            orElse: () => sql`instr(b.pseudonym, ${pseudonymQuery(q)}) > 0`,
          })} OR ${nameClause(filter)})`,
    ])
  }

  const joined = sql`agreements a
      JOIN beneficiaries b ON b.id = a.beneficiary_id
      LEFT JOIN beneficiary_personal p ON p.beneficiary_id = a.beneficiary_id`

  const list = Effect.fn("AgreementsRepository.list")(function* (filter: AgreementFilter) {
    const limit = pageSize(filter.limit)
    const rows = yield* sql`
      SELECT a.*, b.pseudonym AS beneficiary_pseudonym,
        CASE WHEN ${nameClause(filter)} THEN 1 ELSE 0 END AS by_name
      FROM ${joined}
      WHERE ${filter.cursor ? sql`a.id > ${filter.cursor}` : sql`1 = 1`} AND ${filterClause(filter)}
      ORDER BY a.id LIMIT ${limit + 1}`.pipe(Effect.orDie)
    return toPage(
      rows.map(
        (r): ListedAgreement => ({
          ...toAgreement(r),
          beneficiaryPseudonym: String(r.beneficiaryPseudonym),
          byName: Number(r.byName) === 1,
        }),
      ),
      limit,
    ) satisfies Page<ListedAgreement>
  })

  /** How many agreements match the filter across every page (the cursor is ignored). */
  const count = Effect.fn("AgreementsRepository.count")(function* (filter: AgreementFilter) {
    const rows = yield* sql`SELECT COUNT(*) AS n FROM ${joined} WHERE ${filterClause(filter)}`.pipe(
      Effect.orDie,
    )
    return int(rows[0]?.n)
  })

  /** The municipalities a beneficiary's agreements are matched to: what scopes the beneficiary. */
  const municipalitiesOfBeneficiary = Effect.fn("AgreementsRepository.municipalitiesOfBeneficiary")(
    function* (beneficiaryId: string) {
      const rows = yield* sql`
      SELECT DISTINCT municipality_id FROM agreements
      WHERE beneficiary_id = ${beneficiaryId} AND municipality_id IS NOT NULL`.pipe(Effect.orDie)
      return rows.map((r) => String(r.municipalityId))
    },
  )

  return {
    get,
    create,
    act,
    events,
    list,
    count,
    planVersion,
    bumpPlanVersion,
    municipalitiesOfBeneficiary,
  } as const
})

/** Stores agreements: their events and the snapshot the events leave. */
export class AgreementsRepository extends Context.Tag("@coordina/store/AgreementsRepository")<
  AgreementsRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(AgreementsRepository, make)
}
