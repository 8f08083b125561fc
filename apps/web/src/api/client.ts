/**
 * The one way the SPA talks to the API: JSON over fetch with the session cookie (and its
 * `X-CSRF-Token` on every change) or the bearer token, and RFC 9457 problems turned into
 * `ApiProblem` errors the UI can show.
 */
import { getCsrfToken, getToken } from "../auth/session.js"

/** A problem document from the API. */
export interface ProblemBody {
  readonly type?: string
  readonly title?: string
  readonly status: number
  readonly detail?: string
  readonly errors?: ReadonlyArray<{ path?: string; row?: number; column?: string; message: string }>
  readonly [extension: string]: unknown
}

/** A failed API call, carrying the problem document. */
export class ApiProblem extends Error {
  constructor(
    readonly problem: ProblemBody,
    /** For 429 and 503: how many seconds to wait, from the `Retry-After` header. */
    readonly retryAfterSeconds?: number,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`)
  }
  get status(): number {
    return this.problem.status
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

/** Calls the API; resolves with the decoded JSON body or rejects with an `ApiProblem`. */
export const api = async <A>(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string>; raw?: BodyInit } = {},
): Promise<A> => {
  const token = getToken()
  const method = init.method ?? "GET"
  const headers: Record<string, string> = { Accept: "application/json", ...init.headers }
  if (token) headers.Authorization = `Bearer ${token}`
  const csrf = getCsrfToken()
  // A change made with the session cookie proves it comes from this app with the CSRF token.
  if (!token && csrf && !safeMethods.has(method)) headers["X-CSRF-Token"] = csrf
  if (init.body !== undefined) headers["Content-Type"] = "application/json"
  const res = await fetch(path, {
    method,
    headers,
    credentials: "same-origin",
    ...(init.raw !== undefined
      ? { body: init.raw }
      : init.body !== undefined
        ? { body: JSON.stringify(init.body) }
        : {}),
  })
  const text = await res.text()
  const json = text ? JSON.parse(text) : undefined
  if (!res.ok) {
    // Signing in with wrong credentials is also a 401, but it ends no session.
    if (res.status === 401 && !(method === "POST" && path === "/v1/sessions"))
      for (const listener of unauthorizedListeners) listener()
    throw new ApiProblem(
      json ?? { status: res.status, title: res.statusText },
      retryAfter(res.headers.get("Retry-After")),
    )
  }
  return json as A
}

/** A page of a list endpoint. */
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly nextCursor: string | null
}
