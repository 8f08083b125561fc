/**
 * The one way the SPA talks to the API: JSON over fetch with the bearer token, and RFC 9457
 * problems turned into `ApiProblem` errors the UI can show.
 */
import { getToken } from "../auth/session.js"

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
  constructor(readonly problem: ProblemBody) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`)
  }
  get status(): number {
    return this.problem.status
  }
}

/** Calls the API; resolves with the decoded JSON body or rejects with an `ApiProblem`. */
export const api = async <A>(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string>; raw?: BodyInit } = {},
): Promise<A> => {
  const token = getToken()
  const headers: Record<string, string> = { Accept: "application/json", ...init.headers }
  if (token) headers.Authorization = `Bearer ${token}`
  if (init.body !== undefined) headers["Content-Type"] = "application/json"
  const res = await fetch(path, {
    method: init.method ?? "GET",
    headers,
    ...(init.raw !== undefined
      ? { body: init.raw }
      : init.body !== undefined
        ? { body: JSON.stringify(init.body) }
        : {}),
  })
  const text = await res.text()
  const json = text ? JSON.parse(text) : undefined
  if (!res.ok) throw new ApiProblem(json ?? { status: res.status, title: res.statusText })
  return json as A
}

/** A page of a list endpoint. */
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly nextCursor: string | null
}
