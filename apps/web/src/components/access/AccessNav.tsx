import { Link } from "@tanstack/react-router"
import { Can } from "../../auth/Can.js"
import { useI18n } from "../../i18n/I18n.js"

/** The navigation entries of access and accountability, each shown only to roles that can use it. */
export const AccessNav = () => {
  const { t } = useI18n()
  return (
    <>
      <Can family="users">
        <Link to="/users" activeProps={{ className: "active" }}>
          {t.access.nav.users}
        </Link>
      </Can>
      <Can family="api-keys">
        <Link to="/api-keys" activeProps={{ className: "active" }}>
          {t.access.nav.apiKeys}
        </Link>
      </Can>
      <Can family="audit">
        <Link to="/audit" activeProps={{ className: "active" }}>
          {t.access.nav.audit}
        </Link>
      </Can>
      <Can family="retention">
        <Link to="/data-protection" activeProps={{ className: "active" }}>
          {t.access.nav.dataProtection}
        </Link>
      </Can>
    </>
  )
}
