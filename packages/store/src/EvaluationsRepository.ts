/**
 * Event evaluations: questionnaires, the links of those who attended, and answer sheets. Tokens
 * never reach this module, only their hashes (made by the app layer), so a copy of the database
 * opens no link and ties no anonymous sheet to a person.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { type AnswerSheet, type AnswerValues, EvaluationNotFound, Questionnaire } from "@coordina/domain"
import { Context, Effect, Layer, Option, Schema } from "effect"
import { int, json } from "./Rows.js"

const decodeQuestionnaire = Schema.decodeUnknownSync(Questionnaire)

const toQuestionnaire = (r: Record<string, unknown>): Questionnaire =>
  decodeQuestionnaire({
    eventId: r.eventId,
    questions: json(r.questions),
    closesAt: r.closesAt,
    ...(r.usefulness == null ? {} : { usefulness: json(r.usefulness) }),
    anonymous: int(r.anonymous) === 1,
    updatedAt: r.updatedAt,
  })

/** A link handed to a participation that attended (its token known only by hash). */
export interface EvaluationLink {
  readonly eventId: string
  readonly participationId: string
  readonly personId: string
  readonly used: boolean
}

/** A stored answer sheet found by its key. */
export interface StoredAnswers {
  readonly answers: AnswerValues
  readonly submittedAt: string
  readonly updatedAt: string
}

/** A new answer sheet: through a link (`answerKey`, and the participation unless anonymous) or from paper. */
export interface NewAnswers {
  readonly id: string
  readonly eventId: string
  readonly source: "link" | "paper"
  readonly answerKey?: string | undefined
  readonly participationId?: string | undefined
  readonly answers: AnswerValues
  readonly at: string
}

const toLink = (r: Record<string, unknown>): EvaluationLink => ({
  eventId: String(r.eventId),
  participationId: String(r.participationId),
  personId: String(r.personId),
  used: int(r.used) === 1,
})

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const find = Effect.fn("EvaluationsRepository.find")(function* (eventId: string) {
    const rows = yield* sql`SELECT * FROM evaluations WHERE event_id = ${eventId}`.pipe(Effect.orDie)
    return Option.map(Option.fromNullable(rows[0]), toQuestionnaire)
  })

  /** The event's questionnaire, or EvaluationNotFound. */
  const get = (eventId: string) =>
    find(eventId).pipe(
      Effect.flatMap(
        Option.match({
          onNone: () => Effect.fail(new EvaluationNotFound({ message: "The event has no questionnaire." })),
          onSome: Effect.succeed,
        }),
      ),
    )

  /** Sets the event's questionnaire, replacing the one before. */
  const put = Effect.fn("EvaluationsRepository.put")(function* (q: Questionnaire) {
    const row = {
      questions: JSON.stringify(q.questions),
      closesAt: q.closesAt,
      usefulness: q.usefulness ? JSON.stringify(q.usefulness) : null,
      anonymous: q.anonymous ? 1 : 0,
      updatedAt: q.updatedAt,
    }
    yield* sql`INSERT INTO evaluations ${sql.insert({ eventId: q.eventId, ...row })}
      ON CONFLICT (event_id) DO UPDATE SET questions = ${row.questions}, closes_at = ${row.closesAt},
        usefulness = ${row.usefulness}, anonymous = ${row.anonymous}, updated_at = ${row.updatedAt}`.pipe(
      Effect.orDie,
    )
    return yield* get(q.eventId).pipe(Effect.orDie)
  })

  /** The event's participations that attended (at least one day), any role, by person. */
  const attended = Effect.fn("EvaluationsRepository.attended")(function* (eventId: string) {
    const rows = yield* sql`SELECT p.id, p.person_id FROM participations p
      WHERE p.event_id = ${eventId}
        AND EXISTS (SELECT 1 FROM attendance_days d WHERE d.participation_id = p.id)
      ORDER BY p.person_id`.pipe(Effect.orDie)
    return rows.map((r) => ({ participationId: String(r.id), personId: String(r.personId) }))
  })

  /** The event's links, by participation. */
  const links = Effect.fn("EvaluationsRepository.links")(function* (eventId: string) {
    const rows = yield* sql`SELECT * FROM evaluation_links WHERE event_id = ${eventId}`.pipe(Effect.orDie)
    return rows.map(toLink)
  })

  /** Gives a participation a new link (its token's hash), in place of an unused one. */
  const replaceLink = Effect.fn("EvaluationsRepository.replaceLink")(function* (
    link: Omit<EvaluationLink, "used">,
    tokenHash: string,
  ) {
    yield* sql`DELETE FROM evaluation_links
      WHERE event_id = ${link.eventId} AND participation_id = ${link.participationId} AND used = 0`.pipe(
      Effect.orDie,
    )
    yield* sql`INSERT INTO evaluation_links ${sql.insert({ tokenHash, ...link, used: 0 })}`.pipe(Effect.orDie)
  })

  /** The link a token's hash names, or EvaluationNotFound. */
  const linkByHash = Effect.fn("EvaluationsRepository.linkByHash")(function* (tokenHash: string) {
    const rows = yield* sql`SELECT * FROM evaluation_links WHERE token_hash = ${tokenHash}`.pipe(Effect.orDie)
    if (!rows[0]) return yield* new EvaluationNotFound({ message: "No evaluation has this link." })
    return toLink(rows[0])
  })

  /** Marks a link as having answered; false when it had already (a second answer racing the first). */
  const markUsed = Effect.fn("EvaluationsRepository.markUsed")(function* (tokenHash: string) {
    const rows = yield* sql`UPDATE evaluation_links SET used = 1
      WHERE token_hash = ${tokenHash} AND used = 0 RETURNING token_hash`.pipe(Effect.orDie)
    return rows.length === 1
  })

  /** Stores a new answer sheet. */
  const insertAnswers = Effect.fn("EvaluationsRepository.insertAnswers")(function* (input: NewAnswers) {
    yield* sql`INSERT INTO evaluation_answers ${sql.insert({
      id: input.id,
      eventId: input.eventId,
      answerKey: input.answerKey ?? null,
      participationId: input.participationId ?? null,
      source: input.source,
      answers: JSON.stringify(input.answers),
      submittedAt: input.at,
      updatedAt: input.at,
    })}`.pipe(Effect.orDie)
  })

  /** The answer sheet a key names, if any. */
  const answersByKey = Effect.fn("EvaluationsRepository.answersByKey")(function* (answerKey: string) {
    const rows = yield* sql`SELECT answers, submitted_at, updated_at FROM evaluation_answers
      WHERE answer_key = ${answerKey}`.pipe(Effect.orDie)
    return Option.map(
      Option.fromNullable(rows[0]),
      (r): StoredAnswers => ({
        answers: json(r.answers),
        submittedAt: String(r.submittedAt),
        updatedAt: String(r.updatedAt),
      }),
    )
  })

  /** Replaces the answers of the sheet a key names. */
  const updateAnswers = Effect.fn("EvaluationsRepository.updateAnswers")(function* (
    answerKey: string,
    answers: AnswerValues,
    at: string,
  ) {
    yield* sql`UPDATE evaluation_answers SET answers = ${JSON.stringify(answers)}, updated_at = ${at}
      WHERE answer_key = ${answerKey}`.pipe(Effect.orDie)
    return yield* answersByKey(answerKey)
  })

  /** Every answer sheet of an event (answers only: results never say whose). */
  const sheets = Effect.fn("EvaluationsRepository.sheets")(function* (eventId: string) {
    const rows = yield* sql`SELECT answers FROM evaluation_answers WHERE event_id = ${eventId}
      ORDER BY submitted_at, id`.pipe(Effect.orDie)
    return rows.map((r): AnswerSheet => ({ answers: json(r.answers) }))
  })

  /** The questionnaires of a project's events that started on or before `asOf`, with their sheets. */
  const ofProject = Effect.fn("EvaluationsRepository.ofProject")(function* (projectId: string, asOf: string) {
    const rows = yield* sql`SELECT v.* FROM evaluations v JOIN events e ON e.id = v.event_id
      WHERE e.project_id = ${projectId} AND e.start_date <= ${asOf} ORDER BY v.event_id`.pipe(Effect.orDie)
    const out: Array<{ readonly questionnaire: Questionnaire; readonly sheets: ReadonlyArray<AnswerSheet> }> =
      []
    for (const r of rows) {
      const questionnaire = toQuestionnaire(r)
      out.push({ questionnaire, sheets: yield* sheets(questionnaire.eventId) })
    }
    return out
  })

  return {
    find,
    get,
    put,
    attended,
    links,
    replaceLink,
    linkByHash,
    markUsed,
    insertAnswers,
    answersByKey,
    updateAnswers,
    sheets,
    ofProject,
  } as const
})

/** Stores event evaluations. */
export class EvaluationsRepository extends Context.Tag("@coordina/store/EvaluationsRepository")<
  EvaluationsRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(EvaluationsRepository, make)
}
