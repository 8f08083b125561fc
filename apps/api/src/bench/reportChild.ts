/**
 * One worker generation in a process of its own, for the report benchmark's memory figure: claims
 * the queued report, generates it, and prints its peak resident memory (`maxRSS`).
 * @module
 */
import { App, ReportJobs } from "@coordina/app"
import { Effect, ManagedRuntime } from "effect"

const databaseUrl = process.argv[2]!
const runtime = ManagedRuntime.make(App.layer({ databaseUrl, timeZone: "Europe/Sofia" }))
const started = performance.now()
const ran = await runtime.runPromise(
  Effect.flatMap(ReportJobs, (jobs) =>
    jobs.runNext({ worker: "bench-child", leaseSeconds: 600, maxAttempts: 1 }),
  ),
)
const seconds = (performance.now() - started) / 1000
console.log(JSON.stringify({ ran, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }))
await runtime.dispose()
