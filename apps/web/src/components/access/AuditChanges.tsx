import { useI18n } from "../../i18n/I18n.js"
import { auditDiff } from "./auditDiff.js"

/** An audit entry's before and after as a readable list of changed fields. */
export const AuditChanges = ({ before, after }: { before: unknown; after: unknown }) => {
  const { t } = useI18n()
  const rows = auditDiff(before, after)
  if (rows.length === 0) return <span className="muted">{t.access.audit.noChanges}</span>
  return (
    <table className="audit-diff">
      <thead>
        <tr>
          <th scope="col" className="audit-diff-cell audit-diff-head">
            {t.access.audit.field}
          </th>
          <th scope="col" className="audit-diff-cell audit-diff-head">
            {t.access.audit.before}
          </th>
          <th scope="col" className="audit-diff-cell audit-diff-head">
            {t.access.audit.after}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.path} className={`diff-${row.change}`}>
            <th scope="row" className="audit-diff-cell">
              <code>{row.path || t.access.audit.value}</code>
            </th>
            <td className="audit-diff-cell">{row.before !== undefined && <del>{row.before}</del>}</td>
            <td className="audit-diff-cell">{row.after !== undefined && <ins>{row.after}</ins>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
