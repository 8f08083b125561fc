import { useCurrentSession } from "../../auth/Can.js"
import { useI18n } from "../../i18n/I18n.js"
import { roleLabel } from "./roles.js"

/** The signed-in caller's name and roles, in the top bar. */
export const WhoAmI = () => {
  const { t } = useI18n()
  const session = useCurrentSession()
  if (!session) return null
  const name =
    session.user?.displayName ??
    (session.kind === "admin-token" ? t.access.whoAmI.adminToken : t.access.whoAmI.apiKey)
  const roles = session.roles.map((r) => roleLabel(t, r)).join(", ")
  return (
    <p className="whoami" data-testid="whoami">
      <span className="whoami-name">{name}</span>
      {roles && (
        <>
          {" "}
          <span className="whoami-roles">({roles})</span>
        </>
      )}
    </p>
  )
}
