import type { RoleGrant } from "@coordina/domain"
import { useQuery } from "@tanstack/react-query"
import {
  Button,
  Checkbox,
  CheckboxGroup,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  Text,
  TextField,
} from "react-aria-components"
import { institutionsQuery } from "../../api/institutions.js"
import { projectsQuery } from "../../api/projects.js"
import type { Option } from "../Fields.js"
import { useI18n } from "../../i18n/I18n.js"
import { type StaffRoleName, staffRoles } from "./roles.js"

/** The roles being chosen in a form, with each scoped role's records. */
export interface RolesDraft {
  readonly roles: ReadonlyArray<StaffRoleName>
  readonly projectIds: ReadonlyArray<string>
  readonly municipalityIds: ReadonlyArray<string>
  readonly institutionId: string
}

/** No role chosen yet. */
export const emptyRoles: RolesDraft = { roles: [], projectIds: [], municipalityIds: [], institutionId: "" }

/** A user's grants as a form draft. */
export const draftOf = (grants: ReadonlyArray<RoleGrant>): RolesDraft => ({
  roles: grants.map((g) => g.role),
  projectIds: grants.flatMap((g) => (g.role === "coordinator" ? g.projectIds : [])),
  municipalityIds: grants.flatMap((g) => (g.role === "case_worker" ? g.municipalityIds : [])),
  institutionId: grants.flatMap((g) => (g.role === "institution_user" ? [g.institutionId] : []))[0] ?? "",
})

/** The grants a draft stands for, in the order the roles are listed; the schema checks them. */
export const grantsOf = (draft: RolesDraft): ReadonlyArray<RoleGrant> =>
  staffRoles
    .filter((role) => draft.roles.includes(role))
    .map((role): RoleGrant => {
      switch (role) {
        case "coordinator":
          return { role, projectIds: [...draft.projectIds] }
        case "case_worker":
          return { role, municipalityIds: [...draft.municipalityIds] }
        case "institution_user":
          return { role, institutionId: draft.institutionId }
        default:
          return { role }
      }
    })

const splitIds = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean)

/** Picks several records from a list, or, while no list can be had, takes their ids typed in. */
const ManyPicker = ({
  label,
  options,
  value,
  onChange,
}: {
  label: string
  options: ReadonlyArray<Option> | undefined
  value: ReadonlyArray<string>
  onChange: (ids: ReadonlyArray<string>) => void
}) => {
  const { t } = useI18n()
  if (!options || options.length === 0)
    return (
      <TextField
        value={value.join(", ")}
        onChange={(text) => onChange(splitIds(text))}
        className="scope-field"
      >
        <Label>{label}</Label>
        <Input />
        <Text slot="description">{t.access.roleScope.idsHint}</Text>
      </TextField>
    )
  return (
    <CheckboxGroup value={[...value]} onChange={onChange} className="scope-field scope-list">
      <Label>{label}</Label>
      {options.map((o) => (
        <Checkbox key={o.id} value={o.id} className="checkbox">
          <span className="checkbox-box" aria-hidden="true" />
          {o.label}
        </Checkbox>
      ))}
    </CheckboxGroup>
  )
}

/** Picks one record from a list, or, while no list can be had, takes its id typed in. */
const OnePicker = ({
  label,
  options,
  value,
  onChange,
}: {
  label: string
  options: ReadonlyArray<Option> | undefined
  value: string
  onChange: (id: string) => void
}) => {
  const { t } = useI18n()
  if (!options || options.length === 0)
    return (
      <TextField value={value} onChange={(text) => onChange(text.trim())} className="scope-field">
        <Label>{label}</Label>
        <Input />
        <Text slot="description">{t.access.roleScope.idHint}</Text>
      </TextField>
    )
  return (
    <Select
      selectedKey={value || null}
      onSelectionChange={(key) => onChange(key === null ? "" : String(key))}
      placeholder={t.access.roleScope.choose}
      className="scope-field select"
    >
      <Label>{label}</Label>
      <Button className="button select-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      <Popover className="popover">
        <ListBox className="listbox">
          {options.map((o) => (
            <ListBoxItem key={o.id} id={o.id} textValue={o.label} className="listbox-item">
              {o.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  )
}

/** Chooses a user's roles and, for scoped roles, the projects, municipalities or institution. */
export const RolesEditor = ({
  value,
  onChange,
}: {
  value: RolesDraft
  onChange: (draft: RolesDraft) => void
}) => {
  const { t } = useI18n()
  const projects = useQuery({ ...projectsQuery(), enabled: value.roles.includes("coordinator") })
  const institutions = useQuery({
    ...institutionsQuery(),
    enabled: value.roles.includes("case_worker") || value.roles.includes("institution_user"),
  })
  const projectOptions = projects.data?.map((p) => ({ id: p.id, label: `${p.code} — ${p.title}` }))
  const institutionOptions = institutions.data?.map((i) => ({ id: i.id, label: i.name }))
  const municipalityOptions = institutions.data
    ?.filter((i) => i.kind === "municipality")
    .map((i) => ({ id: i.id, label: i.name }))
  return (
    <CheckboxGroup
      value={[...value.roles]}
      onChange={(roles) => onChange({ ...value, roles: staffRoles.filter((r) => roles.includes(r)) })}
      className="roles-editor"
    >
      <Label>{t.access.users.roles}</Label>
      {staffRoles.map((role) => (
        <div key={role} className="role-choice">
          <Checkbox value={role} className="checkbox">
            <span className="checkbox-box" aria-hidden="true" />
            {t.access.roles[role]}
          </Checkbox>
          <p className="muted small role-help">{t.access.roleHelp[role]}</p>
          {role === "coordinator" && value.roles.includes(role) && (
            <ManyPicker
              label={t.access.roleScope.projects}
              options={projectOptions}
              value={value.projectIds}
              onChange={(projectIds) => onChange({ ...value, projectIds })}
            />
          )}
          {role === "case_worker" && value.roles.includes(role) && (
            <ManyPicker
              label={t.access.roleScope.municipalities}
              options={municipalityOptions}
              value={value.municipalityIds}
              onChange={(municipalityIds) => onChange({ ...value, municipalityIds })}
            />
          )}
          {role === "institution_user" && value.roles.includes(role) && (
            <OnePicker
              label={t.access.roleScope.institution}
              options={institutionOptions}
              value={value.institutionId}
              onChange={(institutionId) => onChange({ ...value, institutionId })}
            />
          )}
        </div>
      ))}
    </CheckboxGroup>
  )
}

/** A user's roles with their scopes, in a line: ids of scoped records stay ids. */
export const RolesSummary = ({ grants }: { grants: ReadonlyArray<RoleGrant> }) => {
  const { t } = useI18n()
  if (grants.length === 0) return <span className="muted">{t.access.users.noRoles}</span>
  return (
    <ul className="plain-list">
      {grants.map((g) => (
        <li key={g.role}>
          {t.access.roles[g.role]}
          {g.role === "coordinator" && (
            <span className="muted"> · {t.access.roleScope.count(g.projectIds.length)}</span>
          )}
          {g.role === "case_worker" && (
            <span className="muted"> · {t.access.roleScope.count(g.municipalityIds.length)}</span>
          )}
          {g.role === "institution_user" && <span className="muted"> · {g.institutionId}</span>}
        </li>
      ))}
    </ul>
  )
}
