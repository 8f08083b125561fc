/**
 * Event evaluations: the questionnaire, the links, paper forms and results (staff), and the
 * public questionnaire a link opens.
 */
import {
  AnswerReceipt,
  type AnswerValues,
  EvaluationLinks,
  EvaluationResults,
  PublicQuestionnaire,
  Questionnaire,
  type QuestionnaireInput,
} from "@coordina/domain"
import { type QueryClient, queryOptions } from "@tanstack/react-query"
import { api, ApiProblem, seg } from "./client.js"

const keys = {
  all: ["evaluations"] as const,
  questionnaire: (eventId: string) => ["evaluations", eventId, "questionnaire"] as const,
  results: (eventId: string) => ["evaluations", eventId, "results"] as const,
  public: (token: string) => ["evaluations", "public", token] as const,
}

/** The event's questionnaire, or null when it has none yet. */
export const questionnaireQuery = (eventId: string) =>
  queryOptions({
    queryKey: keys.questionnaire(eventId),
    queryFn: async () => {
      try {
        return await api(`/v1/events/${seg(eventId)}/evaluation`, { schema: Questionnaire })
      } catch (e) {
        if (e instanceof ApiProblem && e.status === 404) return null
        throw e
      }
    },
  })

/** The event's results (only once it has a questionnaire). */
export const resultsQuery = (eventId: string) =>
  queryOptions({
    queryKey: keys.results(eventId),
    queryFn: () => api(`/v1/events/${seg(eventId)}/evaluation/results`, { schema: EvaluationResults }),
  })

/** Sets the event's questionnaire. */
export const saveQuestionnaire = (eventId: string, body: typeof QuestionnaireInput.Encoded) =>
  api(`/v1/events/${seg(eventId)}/evaluation`, { method: "PUT", body, schema: Questionnaire })

/** Hands out the links (new tokens for those who attended and have not answered). */
export const issueLinks = (eventId: string) =>
  api(`/v1/events/${seg(eventId)}/evaluation/links`, { schema: EvaluationLinks })

/** Enters a paper form. */
export const enterPaper = (eventId: string, answers: AnswerValues) =>
  api(`/v1/events/${seg(eventId)}/evaluation/paper`, {
    method: "POST",
    body: { answers },
    schema: AnswerReceipt,
  })

/** The questionnaire a link opens (public). */
export const publicQuestionnaireQuery = (token: string) =>
  queryOptions({
    queryKey: keys.public(token),
    queryFn: () => api(`/v1/public/evaluations/${seg(token)}`, { schema: PublicQuestionnaire }),
  })

/** Answers through a link, the first time (POST) or again (PUT). */
export const sendAnswers = (token: string, answers: AnswerValues, again: boolean) =>
  api(`/v1/public/evaluations/${seg(token)}`, {
    method: again ? "PUT" : "POST",
    body: { answers },
    schema: AnswerReceipt,
  })

/** Refreshes what an evaluation change touches. */
export const afterEvaluationChange = (queryClient: QueryClient) =>
  queryClient.invalidateQueries({ queryKey: keys.all })
