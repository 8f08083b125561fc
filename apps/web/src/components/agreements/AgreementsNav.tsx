import { Link } from "@tanstack/react-router"
import { Can } from "../../auth/Can.js"
import { useI18n } from "../../i18n/I18n.js"

/** The agreements feature's entries in the main navigation, for the roles that may use them. */
export const AgreementsNav = () => {
  const { t } = useI18n()
  const tn = t.agreements.nav
  return (
    <>
      <Can family="agreements">
        <Link to="/agreements" search={{}} activeProps={{ className: "active" }}>
          {tn.agreements}
        </Link>
        <Link to="/offers" activeProps={{ className: "active" }}>
          {tn.offers}
        </Link>
      </Can>
      <Can family="tasks">
        <Link to="/tasks" search={{}} activeProps={{ className: "active" }}>
          {tn.tasks}
        </Link>
      </Can>
      <Can family="review">
        <Link to="/review" search={{}} activeProps={{ className: "active" }}>
          {tn.review}
        </Link>
      </Can>
    </>
  )
}
