/**
 * The one input gate: every string a request brings from outside (its path, query values, the
 * headers the API reads, and any JSON body) is checked by the domain's {@link textRefusal}
 * before authentication's database lookups, idempotency keys or handlers see it. U+0000 and
 * lone surrogates answer 400 naming where they are, on SQLite and PostgreSQL alike.
 * @module
 */
import { textIssues, textRefusal } from "@coordina/domain"
import type { Context, MiddlewareHandler } from "hono"
import type { AppEnv } from "./AppEnv.js"
import { type FieldError, sendProblem, validationProblem } from "./Problem.js"

/** The request headers some part of the API reads. */
const readHeaders = [
  "authorization",
  "cookie",
  "content-type",
  "if-match",
  "idempotency-key",
  "x-csrf-token",
  "x-forwarded-for",
  "x-forwarded-proto",
] as const

/** A route as Hono lists it: its method and its path pattern (`/v1/people/:id`). */
export interface RouteShape {
  readonly method: string
  readonly path: string
}

const decodeSegment = (segment: string): string => {
  try {
    return decodeURIComponent(segment)
  } catch {
    // A malformed escape stays as sent: Hono hands it to the handler undecoded, and it is plain ASCII.
    return segment
  }
}

/** The name of the path parameter at `index` of a request path, from the routes that match it. */
const parameterName = (
  routes: ReadonlyArray<RouteShape>,
  method: string,
  segments: ReadonlyArray<string>,
  index: number,
) => {
  for (const route of routes) {
    if (route.method !== method && route.method !== "ALL") continue
    const parts = route.path.split("/")
    if (parts.length !== segments.length) continue
    const fits = parts.every((p, i) => p.startsWith(":") || p === "*" || i === index || p === segments[i])
    const part = parts[index]
    if (fits && part?.startsWith(":")) return part.slice(1).replace(/\{.*$/, "").replace(/\?$/, "")
  }
  return undefined
}

const pathErrors = (
  url: URL,
  method: string,
  routes: () => ReadonlyArray<RouteShape>,
): ReadonlyArray<FieldError> => {
  const raw = url.pathname.split("/")
  const segments = raw.map(decodeSegment)
  const errors: Array<FieldError> = []
  segments.forEach((segment, i) => {
    const message = textRefusal(segment)
    if (message) errors.push({ path: parameterName(routes(), method, raw, i) ?? `segment ${i}`, message })
  })
  return errors
}

const queryErrors = (url: URL): ReadonlyArray<FieldError> => {
  const errors: Array<FieldError> = []
  for (const [key, value] of url.searchParams) {
    const keyMessage = textRefusal(key)
    if (keyMessage) errors.push({ path: key, message: `its name ${keyMessage}` })
    const message = textRefusal(value)
    if (message) errors.push({ path: key, message })
  }
  return errors
}

const headerErrors = (headers: Headers): ReadonlyArray<FieldError> =>
  readHeaders.flatMap((name) => {
    const value = headers.get(name)
    const message = value === null ? undefined : textRefusal(value)
    return message ? [{ path: name, message }] : []
  })

const isJson = (contentType: string | undefined) =>
  contentType !== undefined && /[/+]json\b/i.test(contentType)

/**
 * Whether a request certainly has no body: a GET or HEAD that sends neither Content-Length nor
 * Transfer-Encoding (HTTP/1.1 frames a body only with one of them). Such a request is not
 * turned into a full Fetch `Request` just to find its body empty, which costs more than the rest of
 * a small read.
 */
export const bodiless = (c: Context): boolean =>
  (c.req.method === "GET" || c.req.method === "HEAD") &&
  c.req.header("content-length") === undefined &&
  c.req.header("transfer-encoding") === undefined

/**
 * The gate, for `/v1/*`. `routes` lists the application's routes, to name a path parameter
 * (`id`) rather than a segment's position.
 */
export const inputGate =
  (routes: () => ReadonlyArray<RouteShape>): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const url = new URL(c.req.url)
    const where: ReadonlyArray<readonly [string, () => ReadonlyArray<FieldError>]> = [
      ["path", () => pathErrors(url, c.req.method, routes)],
      ["query", () => queryErrors(url)],
      ["headers", () => headerErrors(c.req.raw.headers)],
    ]
    for (const [part, errorsOf] of where) {
      const errors = errorsOf()
      if (errors.length > 0) return sendProblem(c, validationProblem(part, errors))
    }
    if (!bodiless(c) && isJson(c.req.header("content-type")) && c.req.raw.body !== null) {
      // Read once as text: Hono keeps it, and the validators and idempotency read the same text.
      const text = await c.req.text()
      let value: unknown
      try {
        value = JSON.parse(text)
      } catch {
        // Malformed JSON is the validator's to answer, as before.
        return next()
      }
      const issues = textIssues(value)
      if (issues.length > 0)
        return sendProblem(
          c,
          validationProblem(
            "body",
            issues.map((i) => ({ path: i.path.join("."), message: i.message })),
          ),
        )
    }
    return next()
  }
