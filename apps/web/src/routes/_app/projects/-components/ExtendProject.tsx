/**
 * Extending a project's period: how many months and why (the funder's decision), asked in a
 * dialog that says the new last day and that no event or activity moves with it.
 */
import {
  type Extension,
  isoDate,
  maxExtensionMonths,
  maxTotalExtensionMonths,
  type ProjectView,
  projectEndDate,
} from "@coordina/domain"
import { useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { Button } from "react-aria-components"
import { extendProject, projectKeys } from "../../../../api/projects.js"
import { useAllows } from "../../../../auth/Can.js"
import { useI18n } from "../../../../i18n/I18n.js"
import { ConfirmDialog, NumberField } from "../../../../ui/index.js"

/** The "Extend the period" action of a project page, for those who may change projects. */
export const ExtendProject = ({ project }: { readonly project: ProjectView }) => {
  const { t, formatDate } = useI18n()
  const x = t.projects.extend
  const queryClient = useQueryClient()
  const mayWrite = useAllows("projects", "write")
  const [open, setOpen] = useState(false)
  const [months, setMonths] = useState<number | undefined>(6)
  const [done, setDone] = useState<string | undefined>()
  if (!mayWrite) return null
  const used = project.extensions.reduce((s, e) => s + e.months, 0)
  const left = Math.min(maxExtensionMonths, maxTotalExtensionMonths - used)
  const valid = months !== undefined && Number.isInteger(months) && months >= 1 && months <= left
  const newEnd = valid
    ? projectEndDate({
        startDate: isoDate(project.startDate),
        durationMonths: project.durationMonths,
        extensions: [...project.extensions, { months }],
      })
    : undefined
  const confirm = async (reason: string) => {
    // The server decides (the total cap included); a refusal stays in the dialog.
    if (!valid) throw new Error(x.monthsInvalid(left))
    const body: typeof Extension.Encoded = { months, reason }
    const extended = await extendProject(project.id, body)
    setDone(x.done(formatDate(extended.endDate)))
    await queryClient.invalidateQueries({ queryKey: projectKeys.all })
  }
  return (
    <div className="form-actions">
      <Button className="button" onPress={() => setOpen(true)} isDisabled={left < 1}>
        {x.open}
      </Button>
      {done && (
        <p role="status" className="status">
          {done}
        </p>
      )}
      <ConfirmDialog
        title={x.title}
        danger={false}
        reason={x.reason}
        isOpen={open}
        onOpenChange={setOpen}
        confirmLabel={x.confirm}
        onConfirm={confirm}
        consequence={
          <>
            <NumberField
              label={x.months}
              value={months}
              onChange={setMonths}
              minValue={1}
              maxValue={left}
              isRequired
              errorMessage={valid ? undefined : x.monthsInvalid(left)}
            />
            <p>
              {newEnd
                ? x.consequence(formatDate(project.endDate), formatDate(newEnd))
                : x.monthsInvalid(left)}
            </p>
          </>
        }
      />
    </div>
  )
}
