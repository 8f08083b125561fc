/**
 * The good-practice library's use cases: add, change, read and search practices. A practice's
 * rules (an assigned country, a title in some language, sources with a title and an http(s)
 * URL) and its links (events and people that exist) are checked before anything is written, and
 * each write commits with its audit entry.
 * @module
 */
import {
  applyPracticePatch,
  compactText,
  type NewPractice,
  type PathProblem,
  type Practice,
  type PracticeContent,
  type PracticePatch,
  practiceProblems,
  PracticeRejected,
} from "@coordina/domain"
import { AuditLog, type PracticeSearch, PracticesRepository } from "@coordina/store"
import { Context, Effect, Layer } from "effect"
import { nextId } from "./Ids.js"
import { createAudited, transaction } from "./Transaction.js"

const contentOf = (p: Practice): PracticeContent => {
  const { id: _i, missingLanguages: _m, version: _v, createdAt: _c, updatedAt: _u, ...content } = p
  return content
}

// A blank language is not a translation: it is dropped, so the practice shows it as missing.
const tidy = (p: PracticeContent): PracticeContent => ({
  ...p,
  title: compactText(p.title),
  description: compactText(p.description),
  ...(p.actors ? { actors: compactText(p.actors) } : {}),
  ...(p.results ? { results: compactText(p.results) } : {}),
  ...(p.transferability ? { transferability: compactText(p.transferability) } : {}),
})

const make = Effect.gen(function* () {
  const practices = yield* PracticesRepository
  const audit = yield* AuditLog

  const check = (p: PracticeContent) =>
    Effect.gen(function* () {
      const problems: Array<PathProblem> = [...practiceProblems(p)]
      const events = new Set(yield* practices.unknownEventIds(p.eventIds))
      p.eventIds.forEach((id, i) => {
        if (events.has(id)) problems.push({ path: `eventIds.${i}`, message: `no event has the id ${id}` })
      })
      const people = new Set(yield* practices.unknownPersonIds(p.presenterIds))
      p.presenterIds.forEach((id, i) => {
        if (people.has(id))
          problems.push({ path: `presenterIds.${i}`, message: `no person has the id ${id}` })
      })
      if (problems.length > 0)
        return yield* new PracticeRejected({
          message: problems.map((e) => `${e.path}: ${e.message}`).join("; "),
          errors: problems,
        })
    })

  const create = Effect.fn("Practices.create")(function* (actor: string, input: NewPractice) {
    const content = tidy(input)
    yield* check(content)
    const id = yield* nextId("pra")
    return yield* createAudited(actor, "practice", practices.create(id, content))
  })

  const update = Effect.fn("Practices.update")(function* (
    actor: string,
    id: string,
    expectedVersion: number,
    patch: PracticePatch,
  ) {
    return yield* transaction(
      Effect.gen(function* () {
        const current = yield* practices.get(id)
        const content = tidy(applyPracticePatch(contentOf(current), patch))
        yield* check(content)
        const updated = yield* practices.update(id, expectedVersion, content)
        yield* audit.record({
          actor,
          action: "update",
          entity: `practice:${id}`,
          before: current,
          after: updated,
        })
        return updated
      }),
    )
  })

  const get = Effect.fn("Practices.get")(function* (id: string) {
    return yield* practices.get(id)
  })

  const list = Effect.fn("Practices.list")(function* (search: PracticeSearch) {
    return yield* practices.list(search)
  })

  return { create, update, get, list } as const
})

/** The good-practice library. */
export class Practices extends Context.Tag("@coordina/app/Practices")<
  Practices,
  Effect.Effect.Success<typeof make>
>() {
  /** Over the store. */
  static readonly layer = Layer.effect(Practices, make)
}
