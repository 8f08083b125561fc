/**
 * Event evaluations' use cases: staff set an event's questionnaire, hand out one link per
 * participation that attended, enter paper forms and read the results; a participant answers
 * through their link, without an account, once, and may change the answers until the survey
 * closes.
 *
 * A link's token is 128 random bits, given out once and kept only as a hash. Handing out the
 * links again gives every participation that has not answered a new token (the old one stops
 * working), since the old token cannot be read back; one that answered keeps its own, and is not
 * listed. An answer sheet is found again by a second hash of the token, which the link's hash
 * does not reveal, so an anonymous sheet is tied to nobody in the database.
 * @module
 */
import { createHash } from "node:crypto"
import {
  AlreadyAnswered,
  type AnswersInput,
  AnswersInvalid,
  answerIssues,
  canSeeProject,
  EvaluationClosed,
  EvaluationLinks,
  EvaluationNotFound,
  evaluationResults,
  EventNotFound,
  type IsoDate,
  isClosed,
  pooledUsefulShare,
  type Principal,
  PublicQuestionnaire,
  Questionnaire,
  type QuestionnaireInput,
  QuestionnaireInvalid,
  questionnaireIssues,
  usefulTally,
} from "@coordina/domain"
import { EvaluationsRepository, EventsRepository } from "@coordina/store"
import { Context, Effect, Layer, Option } from "effect"
import { Ids } from "./Ids.js"
import { Today } from "./Today.js"
import { hashToken } from "./Tokens.js"
import { transaction } from "./Transaction.js"
import { audit, captureWrites } from "./UseCase.js"

/** The key an answer sheet given through a link is found by: not derivable from the link's hash. */
const answerKeyOf = (token: string) =>
  createHash("sha256").update(`coordina evaluation answers\u0000${token}`, "utf8").digest("hex")

/** Who answers through a public link: no account, so the audit log names the channel. */
const publicActor = "evaluation-link"

/**
 * The useful share over a project's events that started by `asOf`: the respondents who found
 * their event useful over all who answered its usefulness question; undefined when none did.
 */
export const projectUsefulShare = (projectId: string, asOf: IsoDate) =>
  Effect.flatMap(EvaluationsRepository, (evaluations) => evaluations.ofProject(projectId, asOf)).pipe(
    Effect.map((found) =>
      pooledUsefulShare(
        found.map(({ questionnaire, sheets }) =>
          usefulTally(questionnaire.questions, questionnaire.usefulness, sheets),
        ),
      ),
    ),
  )

const make = Effect.gen(function* () {
  const evaluations = yield* EvaluationsRepository
  const events = yield* EventsRepository
  const ids = yield* Ids
  const today = yield* Today
  const writes = yield* captureWrites

  /** An event the caller may see (its project in their scope), else EventNotFound. */
  const visibleEvent = (principal: Principal, id: string) =>
    events.get(id).pipe(
      Effect.filterOrFail(
        (e) => canSeeProject(principal, e.projectId),
        () => new EventNotFound({ eventId: id }),
      ),
    )

  const checked = (questionnaire: Questionnaire, input: AnswersInput) => {
    const issues = answerIssues(questionnaire.questions, input.answers)
    return issues.length === 0
      ? Effect.void
      : Effect.fail(
          new AnswersInvalid({
            message: `The answers do not fit the questionnaire: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
            errors: issues,
          }),
        )
  }

  const open = (questionnaire: Questionnaire) =>
    Effect.flatMap(today.nowIso, (now) =>
      isClosed(questionnaire.closesAt, now)
        ? Effect.fail(
            new EvaluationClosed({
              message: `The survey closed at ${questionnaire.closesAt}.`,
              closesAt: questionnaire.closesAt,
            }),
          )
        : Effect.void,
    )

  /** Sets (or replaces) an event's questionnaire; refused with every failing path, nothing stored. */
  const set = Effect.fn("Evaluations.set")(function* (
    principal: Principal,
    eventId: string,
    input: QuestionnaireInput,
  ) {
    yield* visibleEvent(principal, eventId)
    const issues = questionnaireIssues(input)
    if (issues.length > 0)
      return yield* new QuestionnaireInvalid({
        message: `The questionnaire cannot be answered as sent: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
        errors: issues,
      })
    const questionnaire = new Questionnaire({
      eventId: eventId as Questionnaire["eventId"],
      questions: input.questions,
      closesAt: new Date(input.closesAt).toISOString(),
      ...(input.usefulness ? { usefulness: input.usefulness } : {}),
      anonymous: input.anonymous,
      updatedAt: yield* today.nowIso,
    })
    return yield* writes(
      transaction(
        Effect.gen(function* () {
          const before = yield* evaluations.find(eventId)
          const after = yield* evaluations.put(questionnaire)
          yield* audit({
            actor: principal.id,
            action: Option.isSome(before) ? "update" : "create",
            entity: `evaluation:${eventId}`,
            ...(Option.isSome(before) ? { before: before.value } : {}),
            after,
          })
          return after
        }),
      ),
    )
  })

  /** The event's questionnaire. */
  const get = Effect.fn("Evaluations.get")(function* (principal: Principal, eventId: string) {
    yield* visibleEvent(principal, eventId)
    return yield* evaluations.get(eventId)
  })

  /**
   * A new link for each participation that attended and has not answered (answered ones keep
   * theirs and are not listed). Names people, so the read is in the audit log.
   */
  const links = Effect.fn("Evaluations.links")(function* (principal: Principal, eventId: string) {
    yield* visibleEvent(principal, eventId)
    yield* evaluations.get(eventId)
    return yield* writes(
      transaction(
        Effect.gen(function* () {
          const answered = new Set(
            (yield* evaluations.links(eventId)).filter((l) => l.used).map((l) => l.participationId),
          )
          const items: Array<{ personId: string; token: string }> = []
          for (const p of yield* evaluations.attended(eventId)) {
            if (answered.has(p.participationId)) continue
            const token = Buffer.from(yield* ids.random(16)).toString("base64url")
            yield* evaluations.replaceLink({ eventId, ...p }, hashToken(token))
            items.push({ personId: p.personId, token })
          }
          yield* audit({
            actor: principal.id,
            action: "read_personal",
            entity: `evaluation:${eventId}`,
            after: { links: items.map((i) => i.personId) },
          })
          return new EvaluationLinks({ items })
        }),
      ),
    )
  })

  /** The link a token opens, and its questionnaire; an unknown token is EvaluationNotFound. */
  const byToken = (token: string) =>
    Effect.gen(function* () {
      const link = yield* evaluations.linkByHash(hashToken(token))
      const questionnaire = yield* evaluations.get(link.eventId)
      return { link, questionnaire }
    })

  /** What a participant sees through their link: the questionnaire, and their answers once given. */
  const publicGet = Effect.fn("Evaluations.publicGet")(function* (token: string) {
    const { link, questionnaire } = yield* byToken(token)
    const event = yield* events.get(link.eventId).pipe(Effect.orDie)
    const given = link.used ? yield* evaluations.answersByKey(answerKeyOf(token)) : Option.none()
    return new PublicQuestionnaire({
      event: { title: event.title, startDate: event.startDate, endDate: event.endDate },
      questions: questionnaire.questions,
      closesAt: questionnaire.closesAt,
      anonymous: questionnaire.anonymous,
      closed: isClosed(questionnaire.closesAt, yield* today.nowIso),
      ...(Option.isSome(given) ? { answers: given.value.answers } : {}),
    })
  })

  /** A participant's answers through their link: once (a second is AlreadyAnswered), while the survey is open. */
  const answer = Effect.fn("Evaluations.answer")(function* (token: string, input: AnswersInput) {
    const { link, questionnaire } = yield* byToken(token)
    yield* open(questionnaire)
    if (link.used) return yield* alreadyAnswered
    yield* checked(questionnaire, input)
    const id = yield* ids.next("eva")
    const at = yield* today.nowIso
    return yield* writes(
      transaction(
        Effect.gen(function* () {
          // Two first answers racing: only one marks the link, the other is a second answer.
          if (!(yield* evaluations.markUsed(hashToken(token)))) return yield* alreadyAnswered
          yield* evaluations.insertAnswers({
            id,
            eventId: link.eventId,
            source: "link",
            answerKey: answerKeyOf(token),
            ...(questionnaire.anonymous ? {} : { participationId: link.participationId }),
            answers: input.answers,
            at,
          })
          yield* audit({ actor: publicActor, action: "create", entity: `evaluation_answers:${id}` })
          return { submittedAt: at, updatedAt: at }
        }),
      ),
    )
  })

  /** Changes a participant's answers through their link, until the survey closes. */
  const edit = Effect.fn("Evaluations.edit")(function* (token: string, input: AnswersInput) {
    const { link, questionnaire } = yield* byToken(token)
    yield* open(questionnaire)
    if (!link.used)
      return yield* new EvaluationNotFound({
        message: "This link has not answered yet; send the answers with POST.",
      })
    yield* checked(questionnaire, input)
    const at = yield* today.nowIso
    return yield* writes(
      transaction(
        Effect.gen(function* () {
          const stored = yield* evaluations.updateAnswers(answerKeyOf(token), input.answers, at)
          yield* audit({ actor: publicActor, action: "update", entity: `evaluation:${link.eventId}` })
          return Option.match(stored, {
            onNone: () => ({ submittedAt: at, updatedAt: at }),
            onSome: (s) => ({ submittedAt: s.submittedAt, updatedAt: s.updatedAt }),
          })
        }),
      ),
    )
  })

  /** Answers staff enter from a paper form: tied to nobody, taken whether or not the survey has closed. */
  const paper = Effect.fn("Evaluations.paper")(function* (
    principal: Principal,
    eventId: string,
    input: AnswersInput,
  ) {
    yield* visibleEvent(principal, eventId)
    const questionnaire = yield* evaluations.get(eventId)
    yield* checked(questionnaire, input)
    const id = yield* ids.next("eva")
    const at = yield* today.nowIso
    return yield* writes(
      transaction(
        Effect.gen(function* () {
          yield* evaluations.insertAnswers({ id, eventId, source: "paper", answers: input.answers, at })
          yield* audit({
            actor: principal.id,
            action: "create",
            entity: `evaluation_answers:${id}`,
            after: { source: "paper" },
          })
          return { submittedAt: at, updatedAt: at }
        }),
      ),
    )
  })

  /** The event's results: counts and shares per question, the free texts, the useful share. */
  const results = Effect.fn("Evaluations.results")(function* (principal: Principal, eventId: string) {
    yield* visibleEvent(principal, eventId)
    const questionnaire = yield* evaluations.get(eventId)
    return evaluationResults(questionnaire, yield* evaluations.sheets(eventId))
  })

  return { set, get, links, publicGet, answer, edit, paper, results } as const
})

const alreadyAnswered = Effect.fail(
  new AlreadyAnswered({ message: "This link has answered already; change the answers with PUT." }),
)

/** The evaluations use cases. */
export class Evaluations extends Context.Tag("@coordina/app/Evaluations")<
  Evaluations,
  Effect.Effect.Success<typeof make>
>() {
  /** Over the store, the clock and the ids. */
  static readonly layer = Layer.effect(Evaluations, make)
}
