import { describe, expect, it } from "@effect/vitest"
import { FastCheck, Schema } from "effect"
import {
  type AnswerSheet,
  answerIssues,
  evaluationResults,
  isClosed,
  pooledUsefulShare,
  type Question,
  QuestionnaireInput,
  questionnaireIssues,
  usefulTally,
} from "./Evaluation.js"

const questions: ReadonlyArray<Question> = [
  { id: "useful", kind: "scale", text: { bg: "Полезно ли беше?", en: "Was it useful?" } },
  {
    id: "format",
    kind: "single",
    text: { en: "Which format suits you?" },
    options: [
      { id: "online", text: { en: "Online" } },
      { id: "inperson", text: { bg: "Присъствено" } },
    ],
  },
  {
    id: "topics",
    kind: "multiple",
    text: { bg: "Теми" },
    options: [
      { id: "housing", text: { bg: "Жилище" } },
      { id: "work", text: { bg: "Работа" } },
      { id: "school", text: { bg: "Училище" } },
    ],
  },
  { id: "comment", kind: "text", text: { bg: "Коментар" } },
]

const input = (over: Partial<ConstructorParameters<typeof QuestionnaireInput>[0]> = {}) =>
  QuestionnaireInput.make({ questions, closesAt: "2026-12-20T18:00:00Z", anonymous: true, ...over })

describe("questionnaireIssues", () => {
  it("accepts a questionnaire of every kind", () => {
    expect(questionnaireIssues(input({ usefulness: { questionId: "useful", counts: [4, 5] } }))).toEqual([])
  })

  it("refuses a questionnaire with no question", () => {
    expect(questionnaireIssues(input({ questions: [] }))).toEqual([
      { path: "questions", message: "must hold at least one question" },
    ])
  })

  it("names the path of each fault", () => {
    const paths = questionnaireIssues(
      input({
        questions: [
          { id: "a", kind: "scale", text: {}, options: [] },
          { id: "a", kind: "single", text: { en: "Pick" }, options: [{ id: "x", text: { en: "X" } }] },
        ],
        usefulness: { questionId: "nope", counts: [4] },
      }),
    ).map((i) => i.path)
    expect(paths).toEqual([
      "questions.0.text",
      "questions.0.options",
      "questions.1.id",
      "questions.1.options",
      "usefulness.questionId",
    ])
  })

  it("refuses usefulness answers the question cannot take", () => {
    expect(
      questionnaireIssues(input({ usefulness: { questionId: "useful", counts: [5, 6] } })).map((i) => i.path),
    ).toEqual(["usefulness.counts.1"])
    expect(
      questionnaireIssues(input({ usefulness: { questionId: "comment", counts: [1] } })).map((i) => i.path),
    ).toEqual(["usefulness.questionId"])
  })

  it("is anonymous unless it says otherwise", () => {
    const decoded = Schema.decodeUnknownSync(QuestionnaireInput)({
      questions,
      closesAt: "2026-12-20T18:00:00Z",
    })
    expect(decoded.anonymous).toBe(true)
    expect(() =>
      Schema.decodeUnknownSync(QuestionnaireInput)({ questions, closesAt: "20 December" }),
    ).toThrow()
  })
})

describe("answerIssues", () => {
  it("accepts answers that fit", () => {
    expect(
      answerIssues(questions, { useful: 5, format: "online", topics: ["work", "school"], comment: "Добре" }),
    ).toEqual([])
  })

  it("refuses an answer outside the scale, unknown options and questions, with paths", () => {
    expect(
      answerIssues(questions, {
        useful: 6,
        format: "radio",
        topics: ["work", "work", "sport"],
        other: 1,
        comment: " ",
      }),
    ).toEqual([
      { path: "answers.useful", message: "must be a whole number from 1 to 5" },
      { path: "answers.format", message: "must be the id of one of the question's options" },
      { path: "answers.topics.1", message: "repeats an option" },
      { path: "answers.topics.2", message: "is not an option of the question" },
      { path: "answers.other", message: "is not a question of this questionnaire" },
      { path: "answers.comment", message: "must be a text that is not blank" },
    ])
    expect(answerIssues(questions, { useful: 2.5 }).map((i) => i.path)).toEqual(["answers.useful"])
    expect(answerIssues(questions, {}).map((i) => i.path)).toEqual(["answers"])
  })
})

describe("isClosed", () => {
  it("closes at closesAt, whatever the offset it is written with", () => {
    expect(isClosed("2026-12-20T18:00:00Z", "2026-12-20T17:59:59.999Z")).toBe(false)
    expect(isClosed("2026-12-20T18:00:00Z", "2026-12-20T18:00:00.000Z")).toBe(true)
    expect(isClosed("2026-12-20T20:00:00+02:00", "2026-12-20T18:30:00.000Z")).toBe(true)
  })
})

describe("evaluationResults", () => {
  it("counts, shares and free texts per question, and the useful share", () => {
    const sheets: ReadonlyArray<AnswerSheet> = [
      { answers: { useful: 5, format: "online", topics: ["work"], comment: "Много полезно" } },
      { answers: { useful: 4, topics: ["work", "housing"] } },
      { answers: { useful: 2, format: "inperson", comment: "Too long" } },
      { answers: { format: "inperson" } },
    ]
    const results = evaluationResults(
      { questions, usefulness: { questionId: "useful", counts: [4, 5] } },
      sheets,
    )
    expect(results.respondents).toBe(4)
    const [useful, format, topics, comment] = results.questions
    expect(useful).toMatchObject({ answered: 3, counts: { "1": 0, "2": 1, "3": 0, "4": 1, "5": 1 } })
    expect(format?.shares).toEqual({ online: 1 / 3, inperson: 2 / 3 })
    expect(topics).toMatchObject({ answered: 2, counts: { housing: 1, work: 2, school: 0 } })
    expect(comment).toMatchObject({ answered: 2, texts: ["Много полезно", "Too long"] })
    expect(results.usefulShare).toBe(2 / 3)
  })

  it("has no useful share without a usefulness question or without answers to it", () => {
    expect(evaluationResults({ questions }, [{ answers: { useful: 5 } }]).usefulShare).toBeUndefined()
    expect(
      evaluationResults({ questions, usefulness: { questionId: "useful", counts: [5] } }, [
        { answers: { comment: "x" } },
      ]).usefulShare,
    ).toBeUndefined()
  })

  const sheetsOf = FastCheck.array(
    FastCheck.record({
      useful: FastCheck.integer({ min: 1, max: 5 }),
      format: FastCheck.constantFrom("online", "inperson"),
      topics: FastCheck.subarray(["housing", "work", "school"]),
    }),
    { maxLength: 60 },
  ).map((rows) => rows.map((answers): AnswerSheet => ({ answers })))

  it("has counts that add up to the respondents and shares that add up to 1 (property)", () => {
    FastCheck.assert(
      FastCheck.property(sheetsOf, (sheets) => {
        const results = evaluationResults({ questions }, sheets)
        expect(results.respondents).toBe(sheets.length)
        for (const q of results.questions.filter((r) => r.kind === "scale" || r.kind === "single")) {
          const total = Object.values(q.counts).reduce((a, b) => a + b, 0)
          expect(total).toBe(sheets.length)
          const shares = Object.values(q.shares).reduce((a, b) => a + b, 0)
          if (sheets.length > 0) expect(shares).toBeCloseTo(1, 9)
        }
        const topics = results.questions.find((r) => r.id === "topics")!
        for (const [k, n] of Object.entries(topics.counts))
          expect(n).toBe(sheets.filter((s) => (s.answers.topics as ReadonlyArray<string>).includes(k)).length)
      }),
    )
  })

  it("pools the useful share over events by respondents (property)", () => {
    FastCheck.assert(
      FastCheck.property(FastCheck.array(sheetsOf, { maxLength: 5 }), (events) => {
        const usefulness = { questionId: "useful", counts: [4, 5] }
        const pooled = pooledUsefulShare(events.map((e) => usefulTally(questions, usefulness, e)))
        const all = events.flat()
        const expected =
          all.length === 0
            ? undefined
            : all.filter((s) => (s.answers.useful as number) >= 4).length / all.length
        expect(pooled).toBe(expected)
        if (pooled !== undefined) expect(pooled).toBeGreaterThanOrEqual(0)
        if (pooled !== undefined) expect(pooled).toBeLessThanOrEqual(1)
      }),
    )
  })
})
