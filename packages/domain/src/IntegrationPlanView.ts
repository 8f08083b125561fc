/**
 * The integration plan as the API shows it: the measures with the coordination tasks they
 * opened. Apart from IntegrationPlan.ts because tasks are built on measures.
 * @module
 */
import { Schema } from "effect"
import { AgreementId } from "./Agreement.js"
import { TaskView } from "./CoordinationTask.js"
import { Measure } from "./IntegrationPlan.js"

/** An agreement's integration plan, with the coordination tasks its measures opened. */
export const IntegrationPlanView = Schema.Struct({
  agreementId: AgreementId,
  version: Schema.Int.annotations({
    description: "The plan's version: send it as If-Match to change the plan",
  }),
  measures: Schema.Array(Measure),
  tasks: Schema.Array(TaskView),
}).annotations({ identifier: "IntegrationPlanView" })
/** An agreement's integration plan as the API shows it. */
export type IntegrationPlanView = typeof IntegrationPlanView.Type
