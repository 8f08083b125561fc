/**
 * Demo certificates (issue 12, item 7): the Ruse regional workshop's attendees hold theirs, so
 * the event page lists codes and the public verification page answers for them. Issued through
 * the use case, as a demo admin, so the same rules and audit entries apply as for staff.
 * @module
 */
import { Certificates } from "@coordina/app"
import type { Principal } from "@coordina/domain"
import { EventsRepository } from "@coordina/store"
import { Effect } from "effect"

/** Who the demo acts as: recorded in the audit log as `demo`. */
const demoAdmin: Principal = { kind: "admin-token", id: "demo", grants: [{ role: "admin" }], scopes: [] }

/** Issues certificates for the project's Ruse workshop; answers how many were issued. */
export const loadCertificatesDemo = (projectId: string) =>
  Effect.gen(function* () {
    const events = yield* EventsRepository
    const page = yield* events.list({ projectId, limit: 500 })
    const ruse = page.items.find((e) => e.kind === "regional_workshop" && e.city === "Русе")
    if (!ruse) return 0
    const issued = yield* (yield* Certificates).issue(demoAdmin, ruse.id)
    return issued.length
  })
