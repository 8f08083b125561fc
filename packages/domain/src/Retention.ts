/**
 * Retention: how long each category of data is kept, and which records are due for erasure or
 * deletion on a date. The periods are data, not code; the worker applies them and the API shows
 * them and answers a dry run.
 * @module
 */
import { Schema } from "effect"
import {
  addDays,
  endOfPeriod,
  fromDayNumber,
  IsoDate,
  PlausibleDate,
  type IsoDate as IsoDateType,
  toDayNumber,
} from "./CalendarDate.js"

/** The categories of data a retention period applies to. */
export const RetentionCategory = Schema.Literal(
  "participant_personal",
  "beneficiary_personal",
  "sessions",
  "login_attempts",
  "idempotency_keys",
).annotations({ identifier: "RetentionCategory" })
/** A category of data a retention period applies to. */
export type RetentionCategory = typeof RetentionCategory.Type

/** A length of time in whole days, months or years. */
export class RetentionPeriod extends Schema.Class<RetentionPeriod>("RetentionPeriod")({
  count: Schema.Int.pipe(Schema.greaterThan(0)),
  unit: Schema.Literal("days", "months", "years"),
}) {}

/** How long one category is kept, counted from which date, and what happens then. */
export class RetentionRule extends Schema.Class<RetentionRule>("RetentionRule")({
  category: RetentionCategory,
  keepFor: RetentionPeriod,
  countedFrom: Schema.String.annotations({ description: "The date the period is counted from" }),
  action: Schema.Literal("erase", "delete").annotations({
    description: "`erase`: personal fields become a pseudonymous key, counts stay; `delete`: the row goes",
  }),
}) {}

/** A retention policy: one rule per category. */
export const RetentionPolicy = Schema.Array(RetentionRule).annotations({ identifier: "RetentionPolicy" })
/** A retention policy: one rule per category. */
export type RetentionPolicy = typeof RetentionPolicy.Type

/**
 * Coordina's default policy. Participants' and beneficiaries' personal data is kept five years
 * after their last activity, the period EU-funded projects keep supporting documents for audit
 * (Regulation (EU) 2021/1060, art. 82); technical records only as long as they serve security.
 */
export const defaultRetentionPolicy: RetentionPolicy = [
  new RetentionRule({
    category: "participant_personal",
    keepFor: new RetentionPeriod({ count: 5, unit: "years" }),
    countedFrom: "the person's last participation or dissemination contact, or their registration",
    action: "erase",
  }),
  new RetentionRule({
    category: "beneficiary_personal",
    keepFor: new RetentionPeriod({ count: 5, unit: "years" }),
    countedFrom: "the last change of the beneficiary's agreements, or their registration",
    action: "erase",
  }),
  new RetentionRule({
    category: "sessions",
    keepFor: new RetentionPeriod({ count: 30, unit: "days" }),
    countedFrom: "the session's end",
    action: "delete",
  }),
  new RetentionRule({
    category: "login_attempts",
    keepFor: new RetentionPeriod({ count: 90, unit: "days" }),
    countedFrom: "the attempt",
    action: "delete",
  }),
  new RetentionRule({
    category: "idempotency_keys",
    keepFor: new RetentionPeriod({ count: 1, unit: "days" }),
    countedFrom: "the first request",
    action: "delete",
  }),
]

/** The day a period counted from `from` ends: the record is kept through it. */
export const keptUntil = (from: IsoDateType, period: RetentionPeriod): IsoDateType => {
  switch (period.unit) {
    case "days":
      return addDays(from, period.count)
    case "months":
      return endOfPeriod(addDays(from, 1), period.count)
    case "years":
      return endOfPeriod(addDays(from, 1), period.count * 12)
  }
}

/** Whether a record counted from `from` is due under `rule` on `asOf`: its period has ended. */
export const isDue = (rule: RetentionRule, from: IsoDateType, asOf: IsoDateType): boolean =>
  keptUntil(from, rule.keepFor) < asOf

/**
 * The latest reference date that is due on `asOf`: a record is due exactly when its reference
 * date is on or before this date, so a store can select due rows with one comparison.
 */
export const dueCutoff = (rule: RetentionRule, asOf: IsoDateType): IsoDateType => {
  // keptUntil only grows with `from`: binary search for the last due day, between a day long
  // enough ago to be due under any period (200 years) and asOf itself, which never is.
  let low = toDayNumber(asOf) - 366 * 200
  let high = toDayNumber(asOf)
  while (low < high) {
    const mid = low + Math.ceil((high - low) / 2)
    if (isDue(rule, fromDayNumber(mid), asOf)) low = mid
    else high = mid - 1
  }
  return fromDayNumber(low)
}

/** A record a retention category may apply to, with the date its period counts from. */
export interface RetentionCandidate {
  readonly id: string
  readonly countedFrom: IsoDateType
}

/** The candidates of a category due on `asOf` under the policy (none when it has no rule). */
export const dueForErasure = <C extends RetentionCandidate>(
  policy: RetentionPolicy,
  category: RetentionCategory,
  candidates: ReadonlyArray<C>,
  asOf: IsoDateType,
): ReadonlyArray<C> => {
  const rule = policy.find((r) => r.category === category)
  return rule ? candidates.filter((c) => isDue(rule, c.countedFrom, asOf)) : []
}

/** What a retention run erased or deleted, per category: counts only, never names. */
export const RetentionCounts = Schema.Record({ key: RetentionCategory, value: Schema.Int }).annotations({
  identifier: "RetentionCounts",
})

/** A retention run's report. */
export class RetentionReport extends Schema.Class<RetentionReport>("RetentionReport")({
  asOf: IsoDate,
  dryRun: Schema.Boolean,
  counts: RetentionCounts,
}) {}

/** The retention policy as the API shows it. */
export const RetentionPolicyView = Schema.Struct({ policy: RetentionPolicy }).annotations({
  identifier: "RetentionPolicyView",
})

/** What a client sends for a dry run: the day to judge on (today in the configured zone by default). */
export const RetentionDryRun = Schema.Struct({
  asOf: Schema.optional(PlausibleDate.annotations({ description: "The day to judge on; today by default" })),
}).annotations({ identifier: "RetentionDryRun" })
