/**
 * Starts the API: migrates the database, loads demo data into a new embedded one, and
 * serves the API and the SPA.
 * @module
 */
import { randomBytes } from "node:crypto"
import { serve } from "@hono/node-server"
import { App } from "@coordina/app"
import { Database } from "@coordina/store"
import { Either, ManagedRuntime } from "effect"
import { makeApp } from "./app.js"
import { configErrorText, loadConfig } from "./Config.js"
import { loadDemo } from "./demo/Demo.js"
import { warmUpSheetReaders } from "./sheets/SheetFile.js"

const loaded = loadConfig()
if (Either.isLeft(loaded)) {
  console.error(`Coordina API: ${configErrorText(loaded.left)}`)
  process.exit(1)
}
const config = loaded.right
const generatedToken = config.adminToken ? undefined : randomBytes(24).toString("base64url")
const adminToken = config.adminToken ?? generatedToken
const runtime = ManagedRuntime.make(App.layer(config))

if (config.demo && Database.dialectOf(config.databaseUrl) === "sqlite") {
  const loaded = await runtime.runPromise(loadDemo)
  if (loaded) console.log("Demo data loaded into the new embedded database.")
}

await warmUpSheetReaders()
const app = makeApp(runtime, { ...config, adminToken })
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const host = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host
  console.log(
    `Coordina API and web app: http://${host.includes(":") ? `[${host}]` : host}:${info.port}/  (API docs: /docs)`,
  )
  if (generatedToken)
    console.log(
      `Admin token (generated for this run; set COORDINA_ADMIN_TOKEN to fix one): ${generatedToken}`,
    )
})

const shutdown = () => {
  server.close()
  runtime.dispose().finally(() => process.exit(0))
}
process.on("SIGINT", shutdown)
process.on("SIGTERM", shutdown)
