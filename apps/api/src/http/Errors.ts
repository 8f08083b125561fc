/**
 * Every expected failure the API can meet, and its HTTP status: the one place that maps
 * error tags to statuses. The map is exhaustive over {@link ApiError}: a new error that is
 * not listed here does not compile.
 * @module
 */
import type { ProjectCodeTaken, ProjectNotFound } from "@coordina/domain"
import { type Problem, httpProblem } from "./Problem.js"

/** The union of every tagged error a handler may fail with. */
export type ApiError = ProjectNotFound | ProjectCodeTaken

const statusOf: { readonly [K in ApiError["_tag"]]: number } = {
  ProjectNotFound: 404,
  ProjectCodeTaken: 409,
}

const kebab = (tag: string) => tag.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase()

const sentence = (tag: string) => {
  const words = tag.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** The problem document for an expected failure: its fields become extension members. */
export const errorProblem = (error: ApiError): Problem => {
  const { _tag, ...fields } = error as unknown as { _tag: ApiError["_tag"] } & Record<string, unknown>
  const status = statusOf[_tag]
  const message = typeof fields.message === "string" && fields.message ? fields.message : undefined
  delete fields.message
  return {
    ...httpProblem(status, message ?? sentence(_tag)),
    type: `urn:coordina:problem:${kebab(_tag)}`,
    title: sentence(_tag),
    code: _tag,
    ...fields,
  }
}
