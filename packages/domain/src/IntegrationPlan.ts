/**
 * The individual integration plan: measures by area, each with the institution responsible,
 * a due date, a status and evidence. A plan is set on a matched or active agreement; setting
 * it again keeps the measures that stay (same area and institution) with their progress.
 * @module
 */
import { Either, Schema } from "effect"
import { idMaxLength } from "./Text.js"
import { IsoDate, PlausibleDate } from "./CalendarDate.js"
import { type Agreement, AgreementId, canTakePlan, IllegalTransition, stateOn } from "./Agreement.js"
import { InstitutionId } from "./Institution.js"
import { PlanArea, type ProcedureRuleSet } from "./ProcedureRuleSet.js"

/** Opaque identifier of a plan measure. */
export const MeasureId = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(idMaxLength),
  Schema.brand("MeasureId"),
  Schema.annotations({ identifier: "MeasureId" }),
)
/** Opaque identifier of a plan measure. */
export type MeasureId = typeof MeasureId.Type

/** How far a measure has got. */
export const MeasureStatus = Schema.Literal(
  "planned",
  "in_progress",
  "done",
  "missed",
  "cancelled",
).annotations({
  identifier: "MeasureStatus",
})
/** How far a measure has got. */
export type MeasureStatus = typeof MeasureStatus.Type

/** A measure as a client sends it. */
export class NewMeasure extends Schema.Class<NewMeasure>("NewMeasure")({
  area: PlanArea,
  responsibleInstitutionId: InstitutionId,
  dueDate: PlausibleDate,
  note: Schema.optional(Schema.String.pipe(Schema.maxLength(2000))),
}) {}

/** Body of `PUT /v1/agreements/{id}/plan`; `date` (default today) is when the tasks open. */
export class PlanRequest extends Schema.Class<PlanRequest>("PlanRequest")({
  measures: Schema.Array(NewMeasure).pipe(Schema.maxItems(100)),
  date: Schema.optional(PlausibleDate),
}) {}

/** A measure of a plan as stored. */
export class Measure extends Schema.Class<Measure>("Measure")({
  id: MeasureId,
  agreementId: AgreementId,
  area: PlanArea,
  responsibleInstitutionId: InstitutionId,
  dueDate: IsoDate,
  note: Schema.optional(Schema.String),
  status: MeasureStatus,
  evidence: Schema.Array(Schema.String),
  doneOn: Schema.optional(IsoDate),
  cancelledOn: Schema.optional(IsoDate),
  cancelReason: Schema.optional(Schema.String),
}) {}

/** The area is not one the governing rule set lists. */
export class AreaNotInRuleSet extends Schema.TaggedError<AreaNotInRuleSet>()("AreaNotInRuleSet", {
  area: Schema.String,
  procedureId: Schema.String,
  allowed: Schema.Array(Schema.String),
}) {}

/**
 * A measure's status on `asOf`: done once it was done by then; cancelled once its agreement's
 * termination cancelled it; missed when marked so or past its due date without being done;
 * otherwise as recorded.
 */
export const measureStatusOn = (
  m: {
    readonly status: MeasureStatus
    readonly dueDate: string
    readonly doneOn?: string | undefined | null
    readonly cancelledOn?: string | undefined | null
  },
  asOf: string,
): MeasureStatus => {
  if (m.doneOn != null && m.doneOn <= asOf) return "done"
  if (m.cancelledOn != null && m.cancelledOn <= asOf) return "cancelled"
  if (m.status === "missed" || m.dueDate < asOf) return "missed"
  return m.status === "done" || m.status === "cancelled" ? "in_progress" : m.status
}

/** How setting a plan changes the stored measures. */
export interface PlanChanges {
  /** Measures that stay, with their new due date and note. */
  readonly kept: ReadonlyArray<{ readonly existing: Measure; readonly next: NewMeasure }>
  /** New measures, each opening a coordination task. */
  readonly added: ReadonlyArray<NewMeasure>
  /** Measures no longer in the plan. */
  readonly removed: ReadonlyArray<Measure>
}

/**
 * Works out how a new plan replaces the current one, after checking that the agreement can
 * carry a plan on `date` (matched or active) and that every area is in its rule set.
 */
export const planChanges = (
  agreement: Agreement,
  date: IsoDate,
  ruleSet: ProcedureRuleSet,
  existing: ReadonlyArray<Measure>,
  requested: ReadonlyArray<NewMeasure>,
): Either.Either<PlanChanges, IllegalTransition | AreaNotInRuleSet> => {
  const state = stateOn(agreement, date)
  if (!canTakePlan(agreement, date))
    return Either.left(
      new IllegalTransition({
        entity: `agreement:${agreement.id}`,
        action: "plan",
        currentState: state,
        message: `An agreement that is ${state} cannot take a plan.`,
      }),
    )
  const unknown = requested.find((m) => !ruleSet.planAreas.includes(m.area))
  if (unknown)
    return Either.left(
      new AreaNotInRuleSet({ area: unknown.area, procedureId: ruleSet.id, allowed: ruleSet.planAreas }),
    )
  const pool = [...existing]
  const kept: Array<{ existing: Measure; next: NewMeasure }> = []
  const added: Array<NewMeasure> = []
  for (const next of requested) {
    const i = pool.findIndex(
      (m) => m.area === next.area && m.responsibleInstitutionId === next.responsibleInstitutionId,
    )
    if (i >= 0) kept.push({ existing: pool.splice(i, 1)[0]!, next })
    else added.push(next)
  }
  return Either.right({ kept, added, removed: pool })
}
