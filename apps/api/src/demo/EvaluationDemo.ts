/**
 * An invented evaluation of the Ruse workshop for the demo: a questionnaire in Bulgarian and
 * English (usefulness on a 1–5 scale, 4 and 5 counting as useful) and paper forms with invented
 * answers, so the event page shows results and the project's reach its useful share.
 * @module
 */
import { Questionnaire } from "@coordina/domain"
import { EvaluationsRepository, EventsRepository } from "@coordina/store"
import { Effect } from "effect"

const questions: Questionnaire["questions"] = [
  {
    id: "useful",
    kind: "scale",
    text: {
      bg: "Доколко полезен беше семинарът за работата ви?",
      en: "How useful was the workshop for your work?",
    },
  },
  {
    id: "format",
    kind: "single",
    text: {
      bg: "Кой формат предпочитате за следващите срещи?",
      en: "Which format do you prefer for the next meetings?",
    },
    options: [
      { id: "inperson", text: { bg: "Присъствено", en: "In person" } },
      { id: "online", text: { bg: "Онлайн", en: "Online" } },
      { id: "mixed", text: { bg: "Смесено", en: "Mixed" } },
    ],
  },
  {
    id: "topics",
    kind: "multiple",
    text: { bg: "Кои теми искате да задълбочим?", en: "Which topics should we go deeper into?" },
    options: [
      { id: "housing", text: { bg: "Жилищно настаняване", en: "Housing" } },
      { id: "work", text: { bg: "Заетост", en: "Employment" } },
      { id: "school", text: { bg: "Образование", en: "Education" } },
      { id: "practices", text: { bg: "Добри практики от ЕС", en: "Good practice from the EU" } },
    ],
  },
  { id: "comment", kind: "text", text: { bg: "Какво бихте променили?", en: "What would you change?" } },
]

// Invented answers (24 paper forms), fixed so the demo's figures do not move between loads.
const points = [5, 4, 5, 3, 4, 5, 4, 4, 2, 5, 4, 5, 3, 4, 5, 5, 4, 3, 5, 4, 4, 5, 1, 4]
const formats = ["inperson", "mixed", "inperson", "online", "inperson", "mixed"] as const
const topics = [
  ["work"],
  ["housing", "work"],
  ["practices"],
  ["school", "work"],
  ["housing"],
  ["practices", "work"],
]
const comments = [
  "Повече време за обсъждане на конкретни случаи.",
  "More examples from municipalities like ours.",
  "Да се покани и представител на бюрото по труда.",
]

/** Adds the invented evaluation to the project's Ruse workshop (if the demo has one). */
export const loadEvaluationDemo = (projectId: string) =>
  Effect.gen(function* () {
    const events = yield* EventsRepository
    const evaluations = yield* EvaluationsRepository
    const page = yield* events.list({ projectId, limit: 500 })
    const ruse = page.items.find((e) => e.kind === "regional_workshop" && e.city === "Русе")
    if (!ruse) return
    const at = `${ruse.endDate}T16:00:00.000Z`
    yield* evaluations.put(
      new Questionnaire({
        eventId: ruse.id,
        questions,
        closesAt: `${ruse.endDate}T21:59:00.000Z`,
        usefulness: { questionId: "useful", counts: [4, 5] },
        anonymous: true,
        updatedAt: at,
      }),
    )
    for (const [n, point] of points.entries())
      yield* evaluations.insertAnswers({
        id: `eva_demo_${String(n + 1).padStart(2, "0")}`,
        eventId: ruse.id,
        source: "paper",
        answers: {
          useful: point,
          format: formats[n % formats.length]!,
          topics: topics[n % topics.length]!,
          ...(n % 8 === 0 ? { comment: comments[(n / 8) % comments.length]! } : {}),
        },
        at,
      })
  })
