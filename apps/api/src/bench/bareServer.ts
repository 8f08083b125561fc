/**
 * The bench's floor for API overhead: a bare Hono handler on the same database driver that
 * answers `GET /people/{id}` with the same JSON as `GET /v1/people/{id}`, read from the same
 * row (its `allowedActions` by the domain's rule, for the admin the bench calls as), with no
 * authentication, validation, audit or schema encoding.
 * Run as `node bare.mjs <port> <databaseUrl>` (the bench bundles and starts it).
 * @module
 */
import { SqlClient } from "@effect/sql"
import { type Principal, personActions } from "@coordina/domain"
import { Database } from "@coordina/store"
import { serve } from "@hono/node-server"
import { Effect, ManagedRuntime } from "effect"
import { Hono } from "hono"

const [port, databaseUrl] = process.argv.slice(2) as [string, string]
const runtime = ManagedRuntime.make(Database.clientLayer(databaseUrl))
const sql = await runtime.runPromise(SqlClient.SqlClient)

// The bench calls as the admin token; the bare handler answers as for it, without checking.
const admin: Principal = { kind: "admin-token", id: "admin-token", grants: [{ role: "admin" }], scopes: [] }

const personJson = (r: Record<string, unknown>) => ({
  id: r.id,
  givenName: r.givenName,
  familyName: r.familyName,
  ...(r.email == null ? {} : { email: r.email }),
  ...(r.phone == null ? {} : { phone: r.phone }),
  ...(r.gender == null ? {} : { gender: r.gender }),
  institutionId: r.institutionId,
  ...(r.mergedInto == null ? {} : { mergedInto: r.mergedInto }),
  version: Number(r.version),
  allowedActions: personActions(admin, {
    givenName: String(r.givenName),
    familyName: String(r.familyName),
    ...(r.mergedInto == null ? {} : { mergedInto: String(r.mergedInto) }),
  }),
})

const app = new Hono()
  .get("/health", (c) => c.text("ok"))
  .get("/people/:id", async (c) => {
    const rows = await runtime.runPromise(
      sql`SELECT * FROM people WHERE id = ${c.req.param("id")}`.pipe(Effect.orDie),
    )
    return rows[0] ? c.json(personJson(rows[0])) : c.notFound()
  })

serve({ fetch: app.fetch, port: Number(port), hostname: "127.0.0.1" })
process.on("SIGTERM", () => process.exit(0))
