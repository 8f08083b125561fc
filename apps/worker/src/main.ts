/**
 * The worker: runs every scheduled job on its cron schedule, and the report loop (scheduled and
 * requested funder reports), against the shared database. `--once` runs each job for its current
 * period, generates every queued report, and exits (for tests and operators).
 * @module
 */
// The module, not the package's index: the index loads every Node adapter, cluster, RPC,
// websockets and undici among them, which the worker never uses (issue 9: its peak memory).
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { App, emailSenderLayer } from "@coordina/app"
import { Effect, Either, Layer } from "effect"
import { deliveryOptions, loadConfig } from "./Config.js"
import { runDue, schedule } from "./Job.js"
import { jobs } from "./jobs/index.js"
import { drainOutbox, outboxLoop } from "./jobs/OutboxDelivery.js"
import { drainReports, reportLoop } from "./ReportLoop.js"

const loaded = loadConfig()
if (Either.isLeft(loaded)) {
  console.error(`Coordina worker: the configuration is not valid:\n${String(loaded.left)}`)
  process.exit(1)
}
const config = loaded.right
const once = process.argv.includes("--once")

const program = once
  ? Effect.forEach(jobs, (job) => runDue(job, new Date(), config.timeZone), { discard: true }).pipe(
      Effect.zipRight(drainReports(config)),
      Effect.zipRight(drainOutbox(deliveryOptions(config))),
    )
  : Effect.logInfo(
      `Coordina worker ${config.workerId}: ${jobs.map((j) => `${j.name} (${j.cron})`).join(", ")}, reports (every ${config.reportPollMs} ms), outbox (every ${config.outboxPollMs} ms)`,
    ).pipe(
      Effect.zipRight(
        Effect.all(
          [
            ...jobs.map((job) => schedule(job, config.timeZone)),
            reportLoop(config),
            outboxLoop(deliveryOptions(config)),
          ],
          {
            concurrency: "unbounded",
            discard: true,
          },
        ),
      ),
    )

// The outbox's e-mail deliveries go through SMTP when COORDINA_SMTP_URL is set, else stay not_configured.
NodeRuntime.runMain(
  program.pipe(Effect.provide(Layer.merge(App.layer(config), emailSenderLayer(config.smtp)))),
)
