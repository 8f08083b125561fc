/**
 * Reading the append-only audit log, by entity, actor and action, oldest or newest first.
 * @module
 */
import type { AuditFilter } from "@coordina/domain"
import { AuditLog, type PageRequest } from "@coordina/store"
import { Context, Effect, Layer } from "effect"

const make = Effect.gen(function* () {
  const log = yield* AuditLog
  return {
    /** A page of entries matching every given part of `filter`. */
    list: (filter: Partial<AuditFilter>, page: PageRequest) =>
      log.list(
        {
          ...(filter.entity === undefined ? {} : { entity: filter.entity }),
          ...(filter.actor === undefined ? {} : { actor: filter.actor }),
          ...(filter.action === undefined ? {} : { action: filter.action }),
        },
        page,
        filter.order ?? "oldest",
      ),
  } as const
})

/** The audit log, for admins and auditors. */
export class Audit extends Context.Tag("@coordina/app/Audit")<Audit, Effect.Effect.Success<typeof make>>() {
  /** Over the store. */
  static readonly layer = Layer.effect(Audit, make)
}
