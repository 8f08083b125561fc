/**
 * RFC 9457 problem details: the one shape of every error the API sends.
 * @module
 */
import type { Context } from "hono"
import type { ContentfulStatusCode } from "hono/utils/http-status"

/** One failing field of a request, as `path` (dotted, `targets.0.value`) and a message. */
export interface FieldError {
  readonly path: string
  readonly message: string
}

/** An `application/problem+json` body. */
export interface Problem {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail?: string
  readonly errors?: ReadonlyArray<unknown>
  readonly [extension: string]: unknown
}

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  428: "Precondition Required",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
}

/** A problem for a plain HTTP status, `type` `about:blank` as RFC 9457 asks. */
export const httpProblem = (
  status: number,
  detail?: string,
  extra: Record<string, unknown> = {},
): Problem => ({
  type: "about:blank",
  title: titles[status] ?? "Error",
  status,
  ...(detail ? { detail } : {}),
  ...extra,
})

/** Sends a problem with its status and media type. */
export const sendProblem = (c: Context, problem: Problem, headers: Record<string, string> = {}): Response =>
  c.body(JSON.stringify(problem), problem.status as ContentfulStatusCode, {
    "Content-Type": "application/problem+json; charset=utf-8",
    ...headers,
  })

/** A 400 for a body, query or path that does not match its schema. */
export const validationProblem = (where: string, errors: ReadonlyArray<FieldError>): Problem =>
  httpProblem(
    400,
    `The request ${where} is not valid: ${errors.map((e) => `${e.path || "(root)"}: ${e.message}`).join("; ")}`,
    {
      type: "urn:coordina:problem:validation",
      errors,
    },
  )
