/**
 * The one clock and the one zone of Coordina. "Today" is the calendar date in the configured
 * zone (`COORDINA_TIME_ZONE`, Europe/Sofia by default) at the instant Effect's `Clock` gives;
 * tests move that clock with `TestClock` or a fixed layer.
 * @module
 */
import { type IsoDate, todayIn } from "@coordina/domain"
import { Clock, Context, DateTime, Effect, Layer } from "effect"

/** Today's date and the current instant, read in one zone from one clock. */
export class Today extends Context.Tag("@coordina/app/Today")<
  Today,
  {
    /** The IANA zone every "today" is taken in. */
    readonly zone: string
    /** Today's date in {@link zone}. */
    readonly date: Effect.Effect<IsoDate>
    /** The current instant, ISO 8601 UTC. */
    readonly nowIso: Effect.Effect<string>
  }
>() {
  /** Today in `zone`, from Effect's `Clock` (so `TestClock` moves it). */
  static layer = (zone: string) =>
    Layer.succeed(Today, {
      zone,
      date: Effect.map(Clock.currentTimeMillis, (ms) => todayIn(zone, ms)),
      nowIso: Effect.map(DateTime.now, DateTime.formatIso),
    })

  /** A clock stopped at `instant` (ISO 8601), read in `zone`: for tests. */
  static fixed = (instant: string, zone = "Europe/Sofia") =>
    Layer.succeed(Today, {
      zone,
      date: Effect.succeed(todayIn(zone, Date.parse(instant))),
      nowIso: Effect.succeed(new Date(instant).toISOString()),
    })
}

/** Today's date in the configured zone. */
export const today: Effect.Effect<IsoDate, never, Today> = Effect.flatMap(Today, (t) => t.date)

/** The current instant, ISO 8601 UTC. */
export const nowIso: Effect.Effect<string, never, Today> = Effect.flatMap(Today, (t) => t.nowIso)
