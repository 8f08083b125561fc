/**
 * Event evaluations (issue 12, item 5): a questionnaire per event, answered once per attended
 * participation through a link without an account (editable until the survey closes) or entered
 * by staff from paper forms, and its results. The funder's result indicator is the share of
 * respondents who found the event useful: those whose answer to one chosen question is among the
 * answers the questionnaire says count (`usefulness`).
 *
 * Answers are anonymous to staff unless the questionnaire says otherwise: results never name a
 * respondent, and an anonymous answer is stored without any link to the person.
 * @module
 */
import { Schema } from "effect"
import { EventId } from "./Event.js"

/** The longest question, option or free-text answer accepted. */
export const evaluationTextMaxLength = 2000

/** The most questions a questionnaire holds. */
export const evaluationMaxQuestions = 50

/** The most options a choice question offers. */
export const evaluationMaxOptions = 20

/** The lowest and highest point of a scale question. */
export const scaleBounds = { min: 1, max: 5 } as const

const Key = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9_-]{1,40}$/, {
    message: () => "must be 1 to 40 letters, digits, '_' or '-'",
  }),
)

const Label = Schema.String.pipe(Schema.minLength(1), Schema.maxLength(evaluationTextMaxLength))

/** A text in Bulgarian and English; one language may be missing (shown as such). */
export const EvaluationText = Schema.Struct({ bg: Schema.optional(Label), en: Schema.optional(Label) })
/** A text in Bulgarian and English. */
export type EvaluationText = typeof EvaluationText.Type

/** The kinds of question: a 1–5 scale, one choice, several choices, free text. */
export const QuestionKind = Schema.Literal("scale", "single", "multiple", "text").annotations({
  identifier: "QuestionKind",
})
/** The kinds of question. */
export type QuestionKind = typeof QuestionKind.Type

/** One answer a choice question offers. */
export const QuestionOption = Schema.Struct({ id: Key, text: EvaluationText })
/** One answer a choice question offers. */
export type QuestionOption = typeof QuestionOption.Type

/** A question of a questionnaire; `options` only for `single` and `multiple`. */
export const Question = Schema.Struct({
  id: Key,
  kind: QuestionKind,
  text: EvaluationText,
  options: Schema.optional(Schema.Array(QuestionOption).pipe(Schema.maxItems(evaluationMaxOptions))),
})
/** A question of a questionnaire. */
export type Question = typeof Question.Type

/** The answers that count as "useful", for one scale or single-choice question. */
export const Usefulness = Schema.Struct({
  questionId: Key,
  counts: Schema.Array(Schema.Union(Schema.Int, Key)).pipe(Schema.minItems(1), Schema.maxItems(20)),
})
/** The answers that count as "useful". */
export type Usefulness = typeof Usefulness.Type

const Instant = Schema.String.pipe(
  Schema.pattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: () => "must be an ISO 8601 date and time with its offset, such as 2026-12-20T18:00:00Z",
  }),
  Schema.filter((s) => !Number.isNaN(Date.parse(s)) || "is not a real date and time"),
)

/** What staff send to set an event's questionnaire (`PUT /v1/events/{id}/evaluation`). */
export class QuestionnaireInput extends Schema.Class<QuestionnaireInput>("QuestionnaireInput")({
  questions: Schema.Array(Question).pipe(Schema.maxItems(evaluationMaxQuestions)),
  closesAt: Instant,
  usefulness: Schema.optional(Usefulness),
  anonymous: Schema.optionalWith(Schema.Boolean, { default: () => true }),
}) {}

/** An event's questionnaire as stored and answered. */
export class Questionnaire extends Schema.Class<Questionnaire>("Questionnaire")({
  eventId: EventId,
  questions: Schema.Array(Question),
  closesAt: Schema.String,
  usefulness: Schema.optional(Usefulness),
  anonymous: Schema.Boolean,
  updatedAt: Schema.String,
}) {}

/** One answer's value: a scale point, an option id, several option ids, or a text. */
export const AnswerValue = Schema.Union(
  Schema.Number,
  Schema.String.pipe(Schema.maxLength(evaluationTextMaxLength)),
  Schema.Array(Schema.String.pipe(Schema.maxLength(100))).pipe(Schema.maxItems(evaluationMaxOptions)),
)
/** One answer's value. */
export type AnswerValue = typeof AnswerValue.Type

/** Answers by question id, as decoded from JSON (checked against the questionnaire by {@link checkAnswers}). */
export const AnswerValues = Schema.Record({
  key: Schema.String.pipe(Schema.maxLength(100)),
  value: AnswerValue,
})
/** Answers by question id. */
export type AnswerValues = typeof AnswerValues.Type

/** What a participant sees through their link: the questionnaire, the event, and their answers if any. */
export class PublicQuestionnaire extends Schema.Class<PublicQuestionnaire>("PublicQuestionnaire")({
  event: Schema.Struct({ title: Schema.String, startDate: Schema.String, endDate: Schema.String }),
  questions: Schema.Array(Question),
  closesAt: Schema.String,
  anonymous: Schema.Boolean,
  closed: Schema.Boolean,
  answers: Schema.optional(AnswerValues),
}) {}

/** What a participant (or staff, from a paper form) sends: `{ answers: { <questionId>: value } }`. */
export class AnswersInput extends Schema.Class<AnswersInput>("AnswersInput")({ answers: AnswerValues }) {}

/** A stored answer sheet, as results read it. */
export interface AnswerSheet {
  readonly answers: AnswerValues
}

/** The answer to storing answers: when they were taken. */
export class AnswerReceipt extends Schema.Class<AnswerReceipt>("AnswerReceipt")({
  submittedAt: Schema.String,
  updatedAt: Schema.String,
}) {}

/** One link per participation that attended: its person and the token of the link. */
export class EvaluationLinks extends Schema.Class<EvaluationLinks>("EvaluationLinks")({
  items: Schema.Array(Schema.Struct({ personId: Schema.String, token: Schema.String })),
}) {}

/** One question's results: how many answered, counts and shares per answer, and the free texts. */
export const QuestionResult = Schema.Struct({
  id: Schema.String,
  kind: QuestionKind,
  answered: Schema.Int,
  counts: Schema.Record({ key: Schema.String, value: Schema.Int }),
  shares: Schema.Record({ key: Schema.String, value: Schema.Number }),
  texts: Schema.optional(Schema.Array(Schema.String)),
})
/** One question's results. */
export type QuestionResult = typeof QuestionResult.Type

/** An evaluation's results (`GET /v1/events/{id}/evaluation/results`). */
export class EvaluationResults extends Schema.Class<EvaluationResults>("EvaluationResults")({
  respondents: Schema.Int,
  questions: Schema.Array(QuestionResult),
  usefulShare: Schema.optional(Schema.Number),
}) {}

/** One failing part of a questionnaire or of answers, as a path and a message. */
export interface EvaluationIssue {
  readonly path: string
  readonly message: string
}

const IssueList = Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String }))

/** The event has no questionnaire (or the link's token is unknown). */
export class EvaluationNotFound extends Schema.TaggedError<EvaluationNotFound>()("EvaluationNotFound", {
  message: Schema.String,
}) {}

/** The survey closed at `closesAt`: no answer is taken or changed any more. */
export class EvaluationClosed extends Schema.TaggedError<EvaluationClosed>()("EvaluationClosed", {
  message: Schema.String,
  closesAt: Schema.String,
}) {}

/** The link's token has answered already; a change is a `PUT`. */
export class AlreadyAnswered extends Schema.TaggedError<AlreadyAnswered>()("AlreadyAnswered", {
  message: Schema.String,
}) {}

/** A questionnaire that cannot be answered as sent (no question, options missing, …), with the paths. */
export class QuestionnaireInvalid extends Schema.TaggedError<QuestionnaireInvalid>()("QuestionnaireInvalid", {
  message: Schema.String,
  errors: IssueList,
}) {}

/** Answers that do not fit the questionnaire (outside a scale, an unknown option, …), with the paths. */
export class AnswersInvalid extends Schema.TaggedError<AnswersInvalid>()("AnswersInvalid", {
  message: Schema.String,
  errors: IssueList,
}) {}

const hasText = (t: EvaluationText) => (t.bg ?? "").trim() !== "" || (t.en ?? "").trim() !== ""

const isChoice = (kind: QuestionKind) => kind === "single" || kind === "multiple"

/** What is wrong with a questionnaire, path by path; empty when it can be answered. */
export const questionnaireIssues = (q: QuestionnaireInput): ReadonlyArray<EvaluationIssue> => {
  const issues: Array<EvaluationIssue> = []
  if (q.questions.length === 0) issues.push({ path: "questions", message: "must hold at least one question" })
  const seen = new Set<string>()
  q.questions.forEach((question, i) => {
    const at = `questions.${i}`
    if (seen.has(question.id)) issues.push({ path: `${at}.id`, message: `repeats the id ${question.id}` })
    seen.add(question.id)
    if (!hasText(question.text))
      issues.push({ path: `${at}.text`, message: "needs the question in Bulgarian or English" })
    const options = question.options ?? []
    if (isChoice(question.kind)) {
      if (options.length < 2)
        issues.push({ path: `${at}.options`, message: "a choice needs at least two options" })
      const ids = new Set<string>()
      options.forEach((o, j) => {
        if (ids.has(o.id)) issues.push({ path: `${at}.options.${j}.id`, message: `repeats the id ${o.id}` })
        ids.add(o.id)
        if (!hasText(o.text))
          issues.push({
            path: `${at}.options.${j}.text`,
            message: "needs the option in Bulgarian or English",
          })
      })
    } else if (question.options !== undefined)
      issues.push({ path: `${at}.options`, message: `a ${question.kind} question has no options` })
  })
  if (q.usefulness) {
    const target = q.questions.find((x) => x.id === q.usefulness!.questionId)
    if (!target)
      issues.push({ path: "usefulness.questionId", message: "names no question of the questionnaire" })
    else if (target.kind !== "scale" && target.kind !== "single")
      issues.push({ path: "usefulness.questionId", message: "must name a scale or single-choice question" })
    else
      q.usefulness.counts.forEach((value, i) => {
        const fits =
          target.kind === "scale"
            ? typeof value === "number" && value >= scaleBounds.min && value <= scaleBounds.max
            : typeof value === "string" && (target.options ?? []).some((o) => o.id === value)
        if (!fits)
          issues.push({
            path: `usefulness.counts.${i}`,
            message:
              target.kind === "scale"
                ? `must be a point of the scale (${scaleBounds.min}–${scaleBounds.max})`
                : "must be an option id of the question",
          })
      })
  }
  return issues
}

/** What is wrong with answers to a questionnaire, path by path (`answers.<questionId>`); empty when they fit. */
export const answerIssues = (
  questions: ReadonlyArray<Question>,
  answers: AnswerValues,
): ReadonlyArray<EvaluationIssue> => {
  const issues: Array<EvaluationIssue> = []
  const byId = new Map(questions.map((q) => [q.id, q]))
  const entries = Object.entries(answers)
  if (entries.length === 0) issues.push({ path: "answers", message: "must answer at least one question" })
  for (const [id, value] of entries) {
    const at = `answers.${id}`
    const question = byId.get(id)
    if (!question) {
      issues.push({ path: at, message: "is not a question of this questionnaire" })
      continue
    }
    const optionIds = new Set((question.options ?? []).map((o) => o.id))
    switch (question.kind) {
      case "scale":
        if (
          typeof value !== "number" ||
          !Number.isInteger(value) ||
          value < scaleBounds.min ||
          value > scaleBounds.max
        )
          issues.push({
            path: at,
            message: `must be a whole number from ${scaleBounds.min} to ${scaleBounds.max}`,
          })
        break
      case "single":
        if (typeof value !== "string" || !optionIds.has(value))
          issues.push({ path: at, message: "must be the id of one of the question's options" })
        break
      case "multiple":
        if (!Array.isArray(value)) issues.push({ path: at, message: "must be a list of option ids" })
        else {
          const picked = new Set<string>()
          value.forEach((v, i) => {
            if (!optionIds.has(v))
              issues.push({ path: `${at}.${i}`, message: "is not an option of the question" })
            else if (picked.has(v)) issues.push({ path: `${at}.${i}`, message: "repeats an option" })
            picked.add(v)
          })
        }
        break
      case "text":
        if (typeof value !== "string" || value.trim() === "")
          issues.push({ path: at, message: "must be a text that is not blank" })
        break
    }
  }
  return issues
}

/** Whether the survey is closed at `nowIso` (closing is inclusive: at `closesAt` it is closed). */
export const isClosed = (closesAt: string, nowIso: string): boolean =>
  Date.parse(nowIso) >= Date.parse(closesAt)

const keysOf = (q: Question): ReadonlyArray<string> =>
  q.kind === "scale"
    ? Array.from({ length: scaleBounds.max - scaleBounds.min + 1 }, (_, i) => String(scaleBounds.min + i))
    : isChoice(q.kind)
      ? (q.options ?? []).map((o) => o.id)
      : []

const chosen = (q: Question, value: AnswerValue | undefined): ReadonlyArray<string> => {
  if (value === undefined) return []
  if (q.kind === "multiple") return Array.isArray(value) ? value : []
  if (q.kind === "scale" || q.kind === "single") return Array.isArray(value) ? [] : [String(value)]
  return []
}

/** One question's results over the answer sheets (answers to questions since removed are ignored). */
export const questionResult = (q: Question, responses: ReadonlyArray<AnswerSheet>): QuestionResult => {
  const counts: Record<string, number> = Object.fromEntries(keysOf(q).map((k) => [k, 0]))
  const texts: Array<string> = []
  let answered = 0
  for (const r of responses) {
    const value = r.answers[q.id]
    if (value === undefined) continue
    if (q.kind === "text") {
      if (typeof value === "string" && value.trim() !== "") {
        texts.push(value)
        answered++
      }
      continue
    }
    const picks = chosen(q, value).filter((k) => k in counts)
    if (picks.length === 0 && q.kind !== "multiple") continue
    answered++
    for (const k of picks) counts[k]! += 1
  }
  // A share is of those who answered the question, so a multiple choice's shares may add up past 1.
  const shares = Object.fromEntries(
    Object.entries(counts).map(([k, n]) => [k, answered === 0 ? 0 : n / answered]),
  )
  return { id: q.id, kind: q.kind, answered, counts, shares, ...(q.kind === "text" ? { texts } : {}) }
}

/** How many answered the usefulness question, and how many of them with an answer that counts. */
export const usefulTally = (
  questions: ReadonlyArray<Question>,
  usefulness: Usefulness | undefined,
  responses: ReadonlyArray<AnswerSheet>,
): { readonly useful: number; readonly answered: number } | undefined => {
  if (!usefulness) return undefined
  const q = questions.find((x) => x.id === usefulness.questionId)
  if (!q) return undefined
  const counting = new Set(usefulness.counts.map(String))
  let useful = 0
  let answered = 0
  for (const r of responses) {
    const picks = chosen(q, r.answers[q.id]).filter((k) => keysOf(q).includes(k))
    if (picks.length === 0) continue
    answered++
    if (picks.some((k) => counting.has(k))) useful++
  }
  return { useful, answered }
}

/** The share of respondents to the usefulness question who found the event useful; undefined when none answered. */
export const usefulShare = (tally: { readonly useful: number; readonly answered: number } | undefined) =>
  tally && tally.answered > 0 ? tally.useful / tally.answered : undefined

/** The results of a questionnaire over its answer sheets: never a name, only counts and texts. */
export const evaluationResults = (
  questionnaire: Pick<Questionnaire, "questions" | "usefulness">,
  responses: ReadonlyArray<AnswerSheet>,
): EvaluationResults => {
  const share = usefulShare(usefulTally(questionnaire.questions, questionnaire.usefulness, responses))
  return new EvaluationResults({
    respondents: responses.length,
    questions: questionnaire.questions.map((q) => questionResult(q, responses)),
    ...(share === undefined ? {} : { usefulShare: share }),
  })
}

/**
 * The useful share over several events (a project's): the respondents who found their event
 * useful over all who answered a usefulness question, so a large event weighs as much as its
 * respondents and not more.
 */
export const pooledUsefulShare = (
  tallies: ReadonlyArray<{ readonly useful: number; readonly answered: number } | undefined>,
): number | undefined => {
  let useful = 0
  let answered = 0
  for (const t of tallies)
    if (t) {
      useful += t.useful
      answered += t.answered
    }
  return answered === 0 ? undefined : useful / answered
}
