/**
 * Event evaluations: under `/v1/events/{id}/evaluation` for staff (the questionnaire, the links,
 * paper forms, the results), and under `/v1/public/evaluations/{token}` for participants, who
 * answer through their link without an account.
 * @module
 */
import { Evaluations } from "@coordina/app"
import {
  AnswerReceipt,
  AnswersInput,
  EvaluationLinks,
  EvaluationResults,
  PublicQuestionnaire,
  Questionnaire,
  QuestionnaireInput,
} from "@coordina/domain"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body, params } from "../http/Validate.js"

const IdParam = Schema.Struct({ id: Schema.String })
const TokenParam = Schema.Struct({
  token: Schema.String.pipe(
    Schema.pattern(/^[A-Za-z0-9_-]{16,64}$/, { message: () => "is not a link token" }),
  ),
})
const tags = ["evaluations"]

/** The staff side, part of the events sub-app. */
export const evaluationRoutes = new Hono<AppEnv>()
  .put(
    "/:id/evaluation",
    describeRoute({
      tags,
      summary: "Set the event's questionnaire",
      description:
        "Replaces the questionnaire. Questions of kind `scale` (1–5), `single`, `multiple` (with at least two `options`) or `text`, each in Bulgarian and/or English. `usefulness` names a scale or single-choice question and the answers that count as useful. Answers are anonymous to staff unless `anonymous: false`. A questionnaire with no question, options on a scale, … is 422 QuestionnaireInvalid with `errors[].path`; nothing is stored.",
      responses: { 200: jsonResponse(Questionnaire, "The questionnaire"), ...problems(400, 404, 422) },
    }),
    requires("events", "write"),
    params(IdParam),
    body(QuestionnaireInput),
    (c) =>
      respond(
        c,
        Effect.flatMap(Evaluations, (s) =>
          s.set(c.var.principal, c.req.valid("param").id, c.req.valid("json")),
        ),
        Questionnaire,
      ),
  )
  .get(
    "/:id/evaluation",
    describeRoute({
      tags,
      summary: "Read the event's questionnaire",
      responses: { 200: jsonResponse(Questionnaire, "The questionnaire"), ...problems(404) },
    }),
    requires("events", "read"),
    params(IdParam),
    (c) =>
      respond(
        c,
        Effect.flatMap(Evaluations, (s) => s.get(c.var.principal, c.req.valid("param").id)),
        Questionnaire,
      ),
  )
  .get(
    "/:id/evaluation/links",
    describeRoute({
      tags,
      summary: "Hand out the evaluation links",
      description:
        "One link token per participation that attended (any role) and has not answered yet. Only the tokens' hashes are kept, so each call gives new tokens and the earlier unanswered ones stop working; a participation that answered keeps its link and is not listed. The read names people and is in the audit log.",
      responses: { 200: jsonResponse(EvaluationLinks, "The links"), ...problems(404) },
    }),
    requires("events", "write"),
    params(IdParam),
    (c) =>
      respond(
        c,
        Effect.flatMap(Evaluations, (s) => s.links(c.var.principal, c.req.valid("param").id)),
        EvaluationLinks,
      ),
  )
  .post(
    "/:id/evaluation/paper",
    describeRoute({
      tags,
      summary: "Enter a paper form",
      description:
        "Answers from a paper form, tied to nobody; taken also after the survey closed. Answers that do not fit the questionnaire: 422 AnswersInvalid with `errors[].path` (`answers.<questionId>`).",
      responses: { 201: jsonResponse(AnswerReceipt, "Taken"), ...problems(400, 404, 422) },
    }),
    requires("events", "write"),
    params(IdParam),
    body(AnswersInput),
    (c) =>
      respond(
        c,
        Effect.flatMap(Evaluations, (s) =>
          s.paper(c.var.principal, c.req.valid("param").id, c.req.valid("json")),
        ),
        AnswerReceipt,
        201,
      ),
  )
  .get(
    "/:id/evaluation/results",
    describeRoute({
      tags,
      summary: "The evaluation's results",
      description:
        "`respondents` (answer sheets, links and paper), and per question how many `answered`, `counts` and `shares` per answer (a scale's points 1–5, a choice's option ids; shares of those who answered the question) and a text question's `texts`. `usefulShare`: of those who answered the usefulness question, the share whose answer counts as useful. Never names a respondent.",
      responses: { 200: jsonResponse(EvaluationResults, "The results"), ...problems(404) },
    }),
    requires("events", "read"),
    params(IdParam),
    (c) =>
      respond(
        c,
        Effect.flatMap(Evaluations, (s) => s.results(c.var.principal, c.req.valid("param").id)),
        EvaluationResults,
      ),
  )

/** The participant's side, public (no token): mounted at `/v1/public/evaluations`. */
export const publicEvaluationRoutes = new Hono<AppEnv>()
  .get(
    "/:token",
    describeRoute({
      tags,
      summary: "The questionnaire a link opens (public)",
      description:
        "With the link's answers once given, and whether the survey has closed. An unknown token: 404.",
      security: [],
      responses: { 200: jsonResponse(PublicQuestionnaire, "The questionnaire"), ...problems(400, 404) },
    }),
    params(TokenParam),
    (c) =>
      respond(
        c,
        Effect.flatMap(Evaluations, (s) => s.publicGet(c.req.valid("param").token)),
        PublicQuestionnaire,
      ),
  )
  .post(
    "/:token",
    describeRoute({
      tags,
      summary: "Answer through a link (public)",
      description:
        "`{ answers: { <questionId>: value } }`: a scale's point, a single choice's option id, a multiple choice's option ids, a text. Once per link (a second POST: 409 AlreadyAnswered); after `closesAt`: 409 EvaluationClosed; answers that do not fit: 422 AnswersInvalid with `errors[].path`. Nothing is stored on a refusal.",
      security: [],
      responses: { 201: jsonResponse(AnswerReceipt, "Taken"), ...problems(400, 404, 409, 422) },
    }),
    params(TokenParam),
    body(AnswersInput),
    (c) =>
      respond(
        c,
        Effect.flatMap(Evaluations, (s) => s.answer(c.req.valid("param").token, c.req.valid("json"))),
        AnswerReceipt,
        201,
      ),
  )
  .put(
    "/:token",
    describeRoute({
      tags,
      summary: "Change the answers given through a link (public)",
      description:
        "Replaces the answers until `closesAt` (then 409 EvaluationClosed); a link that has not answered: 404.",
      security: [],
      responses: { 200: jsonResponse(AnswerReceipt, "Changed"), ...problems(400, 404, 409, 422) },
    }),
    params(TokenParam),
    body(AnswersInput),
    (c) =>
      respond(
        c,
        Effect.flatMap(Evaluations, (s) => s.edit(c.req.valid("param").token, c.req.valid("json"))),
        AnswerReceipt,
      ),
  )
