/**
 * The one way the SPA talks to the API: JSON over fetch with the session cookie (and its
 * `X-CSRF-Token` on every change) or the bearer token. Every answer is decoded with its schema
 * from `@coordina/domain`, so a field the API and the SPA disagree on fails loudly here instead
 * of showing up as `undefined` on a page; RFC 9457 problems become `ApiProblem` errors.
 */
import { Problem } from "@coordina/domain"
import { Either, ParseResult, Schema } from "effect"
import { getCsrfToken, getToken } from "../auth/session.js"

/** A failed API call, carrying the problem document. */
export class ApiProblem extends Error {
  constructor(
    readonly problem: Problem,
    /** For 429 and 503: how many seconds to wait, from the `Retry-After` header. */
    readonly retryAfterSeconds?: number,
    /** The problem's extension members (`code`, `currentVersion`, `existingId`, …). */
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`)
  }
  get status(): number {
    return this.problem.status
  }
  /** An extension member of the problem, when it is a string. */
  text(member: string): string | undefined {
    const value = this.extensions[member]
    return typeof value === "string" ? value : undefined
  }
}

/**
 * The API answered something its schema does not describe: the SPA and the API disagree on
 * the contract. A bug to fix, never something a user can act on, so it is not an `ApiProblem`.
 */
export class ContractMismatch extends Error {
  constructor(
    readonly path: string,
    readonly issue: string,
  ) {
    super(`The API's answer to ${path} does not match its schema:\n${issue}`)
    this.name = "ContractMismatch"
  }
}

const unauthorizedListeners = new Set<() => void>()

/**
 * Calls `listener` whenever the API answers 401 (the session ended, or the token was revoked);
 * answers the function that stops it. The signed-in layout listens, to go back to sign-in.
 */
export const onUnauthorized = (listener: () => void): (() => void) => {
  unauthorizedListeners.add(listener)
  return () => {
    unauthorizedListeners.delete(listener)
  }
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"])

/** `Retry-After` in seconds: either delta-seconds or an HTTP date. */
const retryAfter = (header: string | null): number | undefined => {
  if (!header) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds))
  const at = Date.parse(header)
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000))
}

/** The credentials of a call: the bearer token, or for a change made with the cookie its CSRF token. */
export const authHeaders = (method: string): Record<string, string> => {
  const token = getToken()
  if (token) return { Authorization: `Bearer ${token}` }
  const csrf = getCsrfToken()
  // A change made with the session cookie proves it comes from this app with the CSRF token.
  return csrf && !safeMethods.has(method) ? { "X-CSRF-Token": csrf } : {}
}

const parseJson = (text: string): unknown => {
  try {
    return text ? JSON.parse(text) : undefined
  } catch {
    return undefined
  }
}

const decodeProblem = Schema.decodeUnknownEither(Problem, { onExcessProperty: "preserve" })

/** The problem of a failed answer; a body that is no problem document becomes one from the status. */
export const problemOf = (status: number, statusText: string, body: unknown, retry?: string | null) =>
  Either.match(decodeProblem(body), {
    onLeft: () =>
      new ApiProblem({ type: "about:blank", title: statusText, status }, retryAfter(retry ?? null)),
    onRight: (problem) => new ApiProblem(problem, retryAfter(retry ?? null), problem),
  })

/** `body` decoded with `schema`, or a `ContractMismatch` naming every failing path. */
export const decodeAnswer = <A, I>(path: string, schema: Schema.Schema<A, I>, body: unknown): A =>
  Either.getOrThrowWith(Schema.decodeUnknownEither(schema, { errors: "all" })(body), (error) => {
    const mismatch = new ContractMismatch(path, ParseResult.TreeFormatter.formatErrorSync(error))
    console.error(mismatch)
    return mismatch
  })

/** How to call the API, and the schema of its answer. */
export interface Call<A, I> {
  readonly schema: Schema.Schema<A, I>
  readonly method?: string
  readonly body?: unknown
  readonly headers?: Record<string, string>
}

/** Sends a request; resolves with the parsed JSON body (if any) or rejects with an `ApiProblem`. */
const request = async (
  path: string,
  init: { readonly method?: string; readonly body?: unknown; readonly headers?: Record<string, string> },
): Promise<unknown> => {
  const method = init.method ?? "GET"
  const headers: Record<string, string> = {
    Accept: "application/json",
    ...authHeaders(method),
    ...init.headers,
  }
  if (init.body !== undefined) headers["Content-Type"] = "application/json"
  const res = await fetch(path, {
    method,
    headers,
    credentials: "same-origin",
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  })
  const json = parseJson(await res.text())
  if (!res.ok) {
    // Signing in with wrong credentials is also a 401, but it ends no session.
    if (res.status === 401 && !(method === "POST" && path === "/v1/sessions"))
      for (const listener of unauthorizedListeners) listener()
    throw problemOf(res.status, res.statusText, json, res.headers.get("Retry-After"))
  }
  return json
}

/** Calls the API; resolves with the answer decoded with `call.schema`, or rejects. */
export const api = async <A, I>(path: string, call: Call<A, I>): Promise<A> =>
  decodeAnswer(path, call.schema, await request(path, call))

/** Calls an API route that answers no content (204), such as signing out. */
export const send = async (path: string, init: Omit<Call<never, never>, "schema">): Promise<void> => {
  await request(path, init)
}

/** Reads every page of a list, up to 20 pages of 500 (the lists read whole are small). */
export const allPages = async <A, I>(
  path: string,
  schema: Schema.Schema<{ readonly items: ReadonlyArray<A>; readonly nextCursor: string | null }, I>,
): Promise<ReadonlyArray<A>> => {
  const out: Array<A> = []
  let cursor: string | null = null
  const join = path.includes("?") ? "&" : "?"
  for (let i = 0; i < 20; i++) {
    const page: { readonly items: ReadonlyArray<A>; readonly nextCursor: string | null } = await api(
      `${path}${join}limit=500${cursor ? `&cursor=${seg(cursor)}` : ""}`,
      { schema },
    )
    out.push(...page.items)
    if (!page.nextCursor) break
    cursor = page.nextCursor
  }
  return out
}

/** A query string from the defined values, with a leading `?` when not empty. */
export const queryString = (params: Record<string, string | number | boolean | undefined>): string => {
  const search = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") search.set(k, String(v))
  const s = search.toString()
  return s ? `?${s}` : ""
}

/** A path segment, escaped. */
export const seg = encodeURIComponent

/** A fresh `Idempotency-Key` header, so a retried create is answered once. */
export const idempotent = () => ({ "Idempotency-Key": crypto.randomUUID() })
