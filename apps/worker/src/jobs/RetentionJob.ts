/**
 * Every night: apply the retention policy for the day: erase the personal data whose period has
 * ended (keeping every count) and delete expired technical records, through the same Retention
 * service the API's dry run uses. Without the pseudonym salt it only records what it would do,
 * and says so in the log.
 * @module
 */
import { Retention } from "@coordina/app"
import { isoDate } from "@coordina/domain"
import { Effect, Option, Redacted } from "effect"
import { pseudonymSalt } from "../Config.js"
import { dayIn, type Job } from "../Job.js"

/** The nightly retention run. */
export const RetentionJob: Job = {
  name: "retention",
  cron: "30 3 * * *",
  periodOf: dayIn,
  run: (period) =>
    Effect.gen(function* () {
      const salt = yield* pseudonymSalt.pipe(Effect.orDie)
      if (Option.isNone(salt))
        yield* Effect.logWarning("retention: COORDINA_PSEUDONYM_SALT is not set; only a dry run is recorded")
      const report = yield* (yield* Retention).run({
        asOf: isoDate(period),
        dryRun: Option.isNone(salt),
        actor: { id: "worker:retention" },
        salt: Option.getOrUndefined(Option.map(salt, Redacted.value)),
      })
      yield* Effect.logInfo(`retention ${period}: ${JSON.stringify(report.counts)}`)
    }),
}
