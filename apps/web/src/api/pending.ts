/**
 * TEMPORARY: response schemas that still live in the API's route files while those files are
 * being rewritten (people, reach, privacy, retention). They move into @coordina/domain with that work;
 * this file goes when they have reached main. Nothing else in the SPA declares a response shape.
 */
import { AuditRecord, DrillIndicator, IsoDate, Person, RetentionPolicy, Snapshot } from "@coordina/domain"
import { Schema } from "effect"

export const DuplicateGroupView = Schema.Struct({ nameKey: Schema.String, people: Schema.Array(Person) })
export type DuplicateGroupView = typeof DuplicateGroupView.Type
export const ReachPerson = Schema.Struct({
  personId: Schema.String,
  displayName: Schema.optional(Schema.String),
  institutionId: Schema.optional(Schema.String),
  firstDate: IsoDate,
  via: Schema.String,
})
export type ReachPerson = typeof ReachPerson.Type
export const ReachPeoplePage = Schema.Struct({
  projectId: Schema.String,
  asOf: IsoDate,
  indicator: DrillIndicator,
  bucket: Schema.optional(Schema.String),
  total: Schema.Int,
  items: Schema.Array(ReachPerson),
  nextCursor: Schema.NullOr(Schema.String),
})
export type ReachPeoplePage = typeof ReachPeoplePage.Type
const Row = Schema.Record({ key: Schema.String, value: Snapshot })
const History = Schema.Array(Schema.Struct({ ...AuditRecord.fields, id: Schema.optional(Schema.String) }))
export const PersonExport = Schema.Struct({
  exportedAt: Schema.String,
  entity: Schema.String,
  records: Schema.Array(Row),
  participations: Schema.Array(Row),
  dissemination: Schema.Array(Row),
  history: History,
})
export const BeneficiaryExport = Schema.Struct({
  exportedAt: Schema.String,
  entity: Schema.String,
  caseRecord: Row,
  personal: Row,
  agreements: Schema.Array(Row),
  agreementEvents: Schema.Array(Row),
  planMeasures: Schema.Array(Row),
  history: History,
})
export const RetentionPolicyView = Schema.Struct({ policy: RetentionPolicy })
