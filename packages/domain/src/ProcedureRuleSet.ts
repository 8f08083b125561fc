/**
 * The versions of the Bulgarian ordinance on integration agreements, as data: what each
 * version says (as far as public sources show), with the source of each fact, and the time
 * limits the sources do not give as named parameters with documented defaults.
 *
 * The rule set in force on the date of application (the intent) governs an agreement.
 * @module
 */
import { Either, Schema } from "effect"
import { IsoDate, isoDate } from "./CalendarDate.js"

/** Identifier of a rule set, e.g. `ordinance-2017`. */
export const ProcedureId = Schema.String.pipe(
  Schema.pattern(/^[a-z0-9-]+$/),
  Schema.brand("ProcedureId"),
  Schema.annotations({ identifier: "ProcedureId", examples: ["ordinance-2017" as never] }),
)
/** Identifier of a rule set. */
export type ProcedureId = typeof ProcedureId.Type

/** A code of an open enumeration (grounds, plan areas): lower snake_case. */
export const OpenCode = Schema.String.pipe(Schema.pattern(/^[a-z][a-z0-9_]{0,63}$/))

/** A ground for terminating an agreement; open, since a later ordinance may add grounds. */
export const TerminationGround = OpenCode.annotations({
  identifier: "TerminationGround",
  examples: ["death", "agreement_not_fulfilled"],
})
/** A ground for terminating an agreement. */
export type TerminationGround = typeof TerminationGround.Type

/** An area of the individual integration plan; open, since a later ordinance may add areas. */
export const PlanArea = OpenCode.annotations({
  identifier: "PlanArea",
  examples: ["housing", "bulgarian_language"],
})
/** An area of the individual integration plan. */
export type PlanArea = typeof PlanArea.Type

/** A text in English and Bulgarian. */
export const BilingualLabel = Schema.Struct({ en: Schema.String, bg: Schema.String }).annotations({
  identifier: "BilingualLabel",
})
/** A text in English and Bulgarian. */
export type BilingualLabel = typeof BilingualLabel.Type

/** Where a fact of a rule set comes from. `default` marks a parameter no source gives. */
export const ProcedureSource = Schema.Struct({
  fact: Schema.String,
  source: Schema.String,
  kind: Schema.Literal("sourced", "default"),
}).annotations({ identifier: "ProcedureSource" })
/** Where a fact of a rule set comes from. */
export type ProcedureSource = typeof ProcedureSource.Type

/**
 * Time limits, in calendar days, that the public sources do not give. Each has a documented
 * default and can be changed with {@link withParameters}.
 */
export const ProcedureParameters = Schema.Struct({
  /** Days SAR has to answer a municipality's application. */
  sarAnswerDays: Schema.Int,
  /** Days the mayor has to answer after SAR links a person to the municipality. */
  mayorAnswerDays: Schema.Int,
  /** Days from a match to concluding the agreement. */
  concludeAfterMatchDays: Schema.Int,
  /** Days between monitoring reports on an active agreement. */
  monitoringReportDays: Schema.Int,
  /** Days an institution has to act on a coordination task. */
  taskDueDays: Schema.Int,
  /** Working days before a task's due date that its institution is reminded by e-mail (0: on the day). */
  taskReminderWorkingDays: Schema.optionalWith(Schema.Int.pipe(Schema.between(0, 30)), { default: () => 3 }),
}).annotations({ identifier: "ProcedureParameters" })
/** Time limits the sources do not give. */
export type ProcedureParameters = typeof ProcedureParameters.Type

/** One version of the ordinance, as the API shows it. */
export class ProcedureRuleSet extends Schema.Class<ProcedureRuleSet>("ProcedureRuleSet")({
  id: ProcedureId,
  title: BilingualLabel,
  inForceFrom: IsoDate,
  inForceTo: Schema.optional(IsoDate),
  intentTimeLimitDays: Schema.optional(Schema.Int),
  intentDuringStatusProcedure: Schema.optional(Schema.Boolean).annotations({
    description:
      "Whether the wish to integrate may be stated before the status decision, during its procedure",
  }),
  termMonths: Schema.Int,
  extensionMonths: Schema.Int,
  maxExtensions: Schema.Int,
  terminationGrounds: Schema.Array(TerminationGround),
  planAreas: Schema.Array(PlanArea),
  labels: Schema.Record({ key: Schema.String, value: BilingualLabel }).annotations({
    description: "English and Bulgarian labels of the grounds and plan areas, by code",
  }),
  parameters: ProcedureParameters,
  sources: Schema.Array(ProcedureSource),
}) {}

const decree208 = "Council of Ministers Decree 208 of 12 Aug 2016, State Gazette 65/2016"
const gazette60 = "Ordinance on integration agreements, State Gazette 60 of 25 Jul 2017"
const laborCode = "Labour Code, art. 154 (official holidays)"

/** The plan areas of the individual integration plan under both versions. */
export const planAreaLabels: Readonly<Record<string, BilingualLabel>> = {
  housing: { en: "Housing", bg: "Жилищно настаняване" },
  bulgarian_language: { en: "Bulgarian language", bg: "Български език" },
  education: {
    en: "Education, school and kindergarten enrolment",
    bg: "Образование, записване в училище и детска градина",
  },
  health: { en: "Health insurance and GP", bg: "Здравно осигуряване и общопрактикуващ лекар" },
  employment: {
    en: "Employment and labour-office registration",
    bg: "Заетост и регистрация в бюрото по труда",
  },
  vocational_training: { en: "Vocational training", bg: "Професионално обучение" },
  social_assistance: { en: "Social assistance", bg: "Социално подпомагане" },
  civil_registration: { en: "Civil registration and documents", bg: "Гражданска регистрация и документи" },
}

const groundLabels2016: Readonly<Record<string, BilingualLabel>> = {
  public_order_violations: {
    en: "Systematic violations of public order",
    bg: "Системни нарушения на обществения ред",
  },
  plan_measures_not_fulfilled: {
    en: "Not fulfilling the measures of the integration plan",
    bg: "Неизпълнение на мерките от интеграционния план",
  },
  suitable_work_refused: { en: "Refusing suitable work", bg: "Отказ от подходяща работа" },
  employment_training_not_attended: {
    en: "Not taking part in employment or training measures",
    bg: "Неучастие в мерки за заетост или обучение",
  },
}

const groundLabels2017: Readonly<Record<string, BilingualLabel>> = {
  death: { en: "Death", bg: "Смърт" },
  imprisonment: { en: "Imprisonment", bg: "Лишаване от свобода" },
  status_terminated_or_withdrawn: {
    en: "Termination or withdrawal of protection status",
    bg: "Прекратяване или отнемане на статута",
  },
  agreement_not_fulfilled: {
    en: "The foreigner does not fulfil the agreement",
    bg: "Неизпълнение на споразумението от чужденеца",
  },
  public_order_violation: { en: "Violation of public order", bg: "Нарушаване на обществения ред" },
  expiry: { en: "Expiry of the term", bg: "Изтичане на срока" },
}

/**
 * Defaults for the limits no source gives: 14 days for SAR and the mayor to answer (the
 * Administrative Procedure Code's general limit, art. 57), 30 days to conclude after a
 * match, a monitoring report every 90 days, and 14 days for an institution to act on a task.
 */
export const defaultParameters: ProcedureParameters = {
  sarAnswerDays: 14,
  mayorAnswerDays: 14,
  concludeAfterMatchDays: 30,
  monitoringReportDays: 90,
  taskDueDays: 14,
  taskReminderWorkingDays: 3,
}

const parameterSources: ReadonlyArray<ProcedureSource> = [
  {
    fact: "parameters.sarAnswerDays, parameters.mayorAnswerDays",
    source: "Not in public sources; default 14 days after the Administrative Procedure Code, art. 57",
    kind: "default",
  },
  {
    fact: "parameters.concludeAfterMatchDays, parameters.monitoringReportDays, parameters.taskDueDays",
    source: "Not in public sources; Coordina's defaults (30, 90 and 14 days)",
    kind: "default",
  },
  {
    fact: "parameters.taskReminderWorkingDays",
    source: "Not in public sources; Coordina's default (a reminder 3 working days before a task is due)",
    kind: "default",
  },
  { fact: "working days", source: laborCode, kind: "sourced" },
]

/** The 2016 ordinance (Decree 208/2016), repealed on 31 Mar 2017. */
export const ordinance2016 = new ProcedureRuleSet({
  id: "ordinance-2016" as ProcedureId,
  title: {
    en: "Ordinance on integration agreements (2016)",
    bg: "Наредба за условията и реда за сключване, изпълнение и прекратяване на споразумение за интеграция (2016)",
  },
  inForceFrom: isoDate("2016-08-19"),
  inForceTo: isoDate("2017-03-31"),
  termMonths: 12,
  extensionMonths: 12,
  maxExtensions: 1,
  terminationGrounds: Object.keys(groundLabels2016),
  planAreas: Object.keys(planAreaLabels),
  labels: { ...groundLabels2016, ...planAreaLabels },
  parameters: defaultParameters,
  sources: [
    {
      fact: "inForceFrom, inForceTo",
      source: `${decree208}; dates of publication and repeal, correctable data`,
      kind: "sourced",
    },
    {
      fact: "parties: the foreigner and the mayor; SAR prepares the individual integration plan",
      source: decree208,
      kind: "sourced",
    },
    {
      fact: "terminationGrounds",
      source: `${decree208}: the mayor's unilateral termination`,
      kind: "sourced",
    },
    {
      fact: "termMonths, extensionMonths, maxExtensions",
      source: "Not confirmed for 2016; taken as in the 2017 version",
      kind: "default",
    },
    {
      fact: "planAreas",
      source: "Areas of the individual integration plan in public sources",
      kind: "sourced",
    },
    ...parameterSources,
  ],
})

/** The 2017 ordinance (State Gazette 60/2017), in force from 25 Jul 2017. */
export const ordinance2017 = new ProcedureRuleSet({
  id: "ordinance-2017" as ProcedureId,
  title: {
    en: "Ordinance on integration agreements (2017)",
    bg: "Наредба за условията и реда за сключване, изпълнение и прекратяване на споразумение за интеграция (2017)",
  },
  inForceFrom: isoDate("2017-07-25"),
  intentTimeLimitDays: 14,
  intentDuringStatusProcedure: true,
  termMonths: 12,
  extensionMonths: 12,
  maxExtensions: 1,
  terminationGrounds: Object.keys(groundLabels2017),
  planAreas: Object.keys(planAreaLabels),
  labels: { ...groundLabels2017, ...planAreaLabels },
  parameters: defaultParameters,
  sources: [
    { fact: "inForceFrom", source: `${gazette60}; date of publication, correctable data`, kind: "sourced" },
    {
      fact: "intentTimeLimitDays: during the status procedure or within 14 days after status is granted",
      source: gazette60,
      kind: "sourced",
    },
    { fact: "termMonths 12, extensionMonths 12, maxExtensions 1", source: gazette60, kind: "sourced" },
    { fact: "terminationGrounds", source: gazette60, kind: "sourced" },
    {
      fact: "municipal offer to SAR with the number of beneficiaries and planned measures; SAR links municipality and foreigner",
      source: gazette60,
      kind: "sourced",
    },
    {
      fact: "planAreas",
      source: "Areas of the individual integration plan in public sources",
      kind: "sourced",
    },
    ...parameterSources,
  ],
})

/** Every rule set Coordina knows, oldest first. */
export const ruleSets: ReadonlyArray<ProcedureRuleSet> = [ordinance2016, ordinance2017]

/** Every rule set, oldest first, as `GET /v1/procedures` answers it. */
export const ProcedureList = Schema.Struct({ items: Schema.Array(ProcedureRuleSet) }).annotations({
  identifier: "ProcedureList",
})
/** Every rule set, as the API lists them. */
export type ProcedureList = typeof ProcedureList.Type

/** No version of the ordinance was in force on the date (1 Apr – 24 Jul 2017, or before 2016). */
export class NoProcedureInForce extends Schema.TaggedError<NoProcedureInForce>()("NoProcedureInForce", {
  date: Schema.String,
  message: Schema.String,
}) {}

/** No rule set has the given id. */
export class ProcedureNotFound extends Schema.TaggedError<ProcedureNotFound>()("ProcedureNotFound", {
  procedureId: Schema.String,
}) {}

/** Whether a rule set is in force on `date` (both ends inclusive). */
export const inForceOn = (ruleSet: ProcedureRuleSet, date: IsoDate): boolean =>
  ruleSet.inForceFrom <= date && (ruleSet.inForceTo === undefined || date <= ruleSet.inForceTo)

/** The rule set in force on `date`, or `NoProcedureInForce`. */
export const ruleSetInForce = (
  date: IsoDate,
  from: ReadonlyArray<ProcedureRuleSet> = ruleSets,
): Either.Either<ProcedureRuleSet, NoProcedureInForce> => {
  const found = from.find((r) => inForceOn(r, date))
  return found
    ? Either.right(found)
    : Either.left(
        new NoProcedureInForce({ date, message: `No version of the ordinance was in force on ${date}.` }),
      )
}

/** The rule set with the given id, or `ProcedureNotFound`. */
export const ruleSetById = (
  id: string,
  from: ReadonlyArray<ProcedureRuleSet> = ruleSets,
): Either.Either<ProcedureRuleSet, ProcedureNotFound> => {
  const found = from.find((r) => r.id === id)
  return found ? Either.right(found) : Either.left(new ProcedureNotFound({ procedureId: id }))
}

/** A rule set with some parameters changed, e.g. from configuration; no code change needed. */
export const withParameters = (
  ruleSet: ProcedureRuleSet,
  overrides: Partial<ProcedureParameters>,
): ProcedureRuleSet =>
  new ProcedureRuleSet({ ...ruleSet, parameters: { ...ruleSet.parameters, ...overrides } })
