/**
 * A data subject's export (GDPR art. 15 and 20): everything held on a person or a beneficiary,
 * as the API answers it. Rows are JSON snapshots of the stored records.
 * @module
 */
import { Schema } from "effect"
import { AuditRecord, Snapshot } from "./AuditRecord.js"

/** One stored record, column by column. */
export const ExportRow = Schema.Record({ key: Schema.String, value: Snapshot })

/** The audit history of the exported records. */
export const ExportHistory = Schema.Array(
  Schema.Struct({ ...AuditRecord.fields, id: Schema.optional(Schema.String) }),
)

/** Everything held on a person: their records (merged ones too), participations, contacts, history. */
export const PersonExport = Schema.Struct({
  exportedAt: Schema.String,
  entity: Schema.String,
  records: Schema.Array(ExportRow),
  participations: Schema.Array(ExportRow),
  dissemination: Schema.Array(ExportRow),
  history: ExportHistory,
}).annotations({ identifier: "PersonExport" })
/** Everything held on a person. */
export type PersonExport = typeof PersonExport.Type

/** Everything held on a beneficiary: case record, personal part, agreements and their history. */
export const BeneficiaryExport = Schema.Struct({
  exportedAt: Schema.String,
  entity: Schema.String,
  caseRecord: ExportRow,
  personal: ExportRow,
  agreements: Schema.Array(ExportRow),
  agreementEvents: Schema.Array(ExportRow),
  planMeasures: Schema.Array(ExportRow),
  history: ExportHistory,
}).annotations({ identifier: "BeneficiaryExport" })
/** Everything held on a beneficiary. */
export type BeneficiaryExport = typeof BeneficiaryExport.Type
