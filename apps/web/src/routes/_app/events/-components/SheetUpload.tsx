import type { SignInSheetResult } from "@coordina/domain"
import { useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { Button, DropZone, FileTrigger, Label, ProgressBar, Text } from "react-aria-components"
import { ApiProblem } from "@/api/client.js"
import { uploadSheet, afterReachChange } from "@/api/reach.js"
import { ProblemAlert, StatusMessage } from "@/components/reach/Fields.js"
import { useInstitutionNames } from "@/api/institutions.js"
import { useI18n } from "@/i18n/I18n.js"
import { download } from "@/ui/Export.js"
import { Problem, translateMessage, useProblemTexts } from "@/ui/index.js"

type Phase =
  | { readonly step: "idle" }
  | { readonly step: "sending"; readonly dryRun: boolean; readonly progress: number }
  | { readonly step: "preview"; readonly result: SignInSheetResult }
  | { readonly step: "rejected"; readonly error: unknown }
  | { readonly step: "imported"; readonly result: SignInSheetResult }

const accepted = [
  ".csv",
  ".xlsx",
  "text/csv",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
]

const isSheetFile = (f: File) => /\.(csv|xlsx|txt)$/i.test(f.name) || accepted.includes(f.type)

/**
 * The sign-in sheet upload: choose or drop a file, see the dry run's preview (who is created
 * or matched, possible duplicates, every row error) before anything is saved, then import.
 */
export const SheetUpload = ({ eventId }: { readonly eventId: string }) => {
  const { t, formatNumber } = useI18n()
  const s = t.reach.sheet
  const queryClient = useQueryClient()
  const [file, setFile] = useState<File | null>(null)
  const [phase, setPhase] = useState<Phase>({ step: "idle" })

  const send = async (chosen: File, dryRun: boolean) => {
    setPhase({ step: "sending", dryRun, progress: 0 })
    try {
      const result = await uploadSheet(eventId, chosen, {
        dryRun,
        onProgress: (share) => setPhase({ step: "sending", dryRun, progress: share }),
      })
      if (dryRun) return setPhase({ step: "preview", result })
      setPhase({ step: "imported", result })
      await afterReachChange(queryClient)
    } catch (error) {
      setPhase({ step: "rejected", error })
    }
  }
  const choose = (files: ReadonlyArray<File>) => {
    const first = files.find(isSheetFile) ?? files[0]
    if (!first) return
    setFile(first)
    void send(first, true)
  }
  const sizeText = (bytes: number) =>
    bytes < 1024
      ? `${formatNumber(bytes)} B`
      : `${formatNumber(bytes / 1024, { maximumFractionDigits: 1 })} KB`

  return (
    <section aria-labelledby="sheet-title" className="panel">
      <h2 id="sheet-title">{s.title}</h2>
      <p className="muted">{s.intro}</p>
      <TemplateLinks />
      <DropZone
        aria-label={s.dropZone}
        className="dropzone"
        getDropOperation={() => "copy"}
        onDrop={async (e) => {
          const files = await Promise.all(
            e.items.filter((i) => i.kind === "file").map((i) => (i.kind === "file" ? i.getFile() : null)),
          )
          choose(files.filter((f): f is File => f !== null))
        }}
      >
        <Text slot="label">{s.drop}</Text>
        <FileTrigger acceptedFileTypes={accepted} onSelect={(list) => list && choose([...list])}>
          <Button className="button">{s.choose}</Button>
        </FileTrigger>
      </DropZone>
      {file && (
        <p className="muted" data-testid="sheet-file">
          {s.file(file.name, sizeText(file.size))}
        </p>
      )}
      {phase.step === "sending" && (
        <ProgressBar
          value={phase.progress * 100}
          isIndeterminate={phase.progress >= 1}
          className="progress"
          aria-label={s.uploading}
        >
          {({ percentage, valueText }) => (
            <>
              <Label>{phase.dryRun ? s.checking : s.importing}</Label>
              <span className="progress-value">{phase.progress >= 1 ? "" : valueText}</span>
              <div className="progress-track">
                <div
                  className={`progress-fill${phase.progress >= 1 ? " indeterminate" : ""}`}
                  style={{ width: `${phase.progress >= 1 ? 100 : (percentage ?? 0)}%` }}
                />
              </div>
            </>
          )}
        </ProgressBar>
      )}
      {phase.step === "rejected" && <SheetRejection error={phase.error} />}
      {phase.step === "preview" && (
        <>
          <h3>{s.previewTitle}</h3>
          <SheetSummary result={phase.result} />
          <div className="form-actions">
            <Button className="button primary" onPress={() => file && void send(file, false)}>
              {s.confirm}
            </Button>
          </div>
        </>
      )}
      {phase.step === "imported" && (
        <>
          <StatusMessage>{s.imported(phase.result.rows)}</StatusMessage>
          <SheetSummary result={phase.result} />
        </>
      )}
    </section>
  )
}

/** The template to fill in, from the API, in the chosen language. */
function TemplateLinks() {
  const { t, language } = useI18n()
  const s = t.reach.sheet
  const [error, setError] = useState<unknown>(undefined)
  const get = (format: "csv" | "xlsx") => {
    setError(undefined)
    download("/v1/sign-in-sheets/template", format, language).catch(setError)
  }
  return (
    <fieldset className="export-buttons">
      <legend>{s.template}:</legend>
      <Button className="button" onPress={() => get("xlsx")}>
        {s.templateXlsx}
      </Button>
      <Button className="button" onPress={() => get("csv")}>
        {s.templateCsv}
      </Button>
      {error !== undefined && <Problem error={error} />}
    </fieldset>
  )
}

/** Every error of a rejected sheet: row, column and message. */
function SheetRejection({ error }: { readonly error: unknown }) {
  const { t } = useI18n()
  const texts = useProblemTexts()
  const s = t.reach.sheet
  const rows =
    error instanceof ApiProblem
      ? (error.problem.errors ?? []).filter((e) => e.row !== undefined || e.column !== undefined)
      : []
  if (rows.length === 0) return <ProblemAlert error={error} />
  return (
    <div className="error-box">
      <p role="alert">{s.rejected(rows.length)}</p>
      <table className="table" aria-label={s.errors}>
        <thead>
          <tr>
            <th scope="col">{s.row}</th>
            <th scope="col">{s.column}</th>
            <th scope="col">{s.message}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={`${e.row}:${e.column}:${e.message}`}>
              <td className="number">{e.row === 0 ? s.wholeFile : e.row}</td>
              <td>{e.column}</td>
              <td>{translateMessage(e.message, texts)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** What a sheet does (or would do): counts, each row's person, possible duplicates. */
function SheetSummary({ result }: { readonly result: SignInSheetResult }) {
  const { t } = useI18n()
  const s = t.reach.sheet
  const p = t.reach.people
  const institutionName = useInstitutionNames([
    ...result.people.map((o) => o.institutionId),
    ...result.possibleDuplicates.flatMap((d) => d.candidates.map((c) => c.institutionId)),
  ])
  const notCounted = result.people.filter((o) => o.notCounted !== undefined).length
  return (
    <>
      <p data-testid="sheet-summary">{s.summary(result.rows, result.peopleCreated, result.peopleMatched)}</p>
      {notCounted > 0 && (
        <p className="warning" data-testid="sheet-not-counted">
          {s.notCountedSummary(notCounted)}
        </p>
      )}
      <p>
        {s.participationSummary(
          result.participations.created,
          result.participations.updated,
          result.participations.unchanged,
        )}
      </p>
      <table className="table" aria-label={s.people}>
        <thead>
          <tr>
            <th scope="col">{s.row}</th>
            <th scope="col">{p.name}</th>
            <th scope="col">{p.institution}</th>
            <th scope="col">{s.outcome}</th>
            <th scope="col">{s.reach}</th>
          </tr>
        </thead>
        <tbody>
          {result.people.map((o) => (
            <tr key={o.row}>
              <td className="number">{o.row}</td>
              <td>
                {o.givenName} {o.familyName}
              </td>
              <td>{institutionName(o.institutionId)}</td>
              <td>
                {o.outcome === "created"
                  ? s.created
                  : `${s.matched} ${o.matchedBy ? s.matchedBy[o.matchedBy] : ""}`}
              </td>
              <td data-testid={`sheet-reach-${o.row}`}>
                {o.notCounted === undefined ? s.counts : s.notCounted[o.notCounted]}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.possibleDuplicates.length > 0 && (
        <>
          <h4>{s.possibleDuplicates}</h4>
          <table className="table" aria-label={s.possibleDuplicates}>
            <thead>
              <tr>
                <th scope="col">{s.row}</th>
                <th scope="col">{p.name}</th>
                <th scope="col">{p.institution}</th>
                <th scope="col">{s.candidates}</th>
              </tr>
            </thead>
            <tbody>
              {result.possibleDuplicates.map((d) => (
                <tr key={d.row}>
                  <td className="number">{d.row}</td>
                  <td>
                    {d.givenName} {d.familyName}
                  </td>
                  <td>{institutionName(d.institutionId)}</td>
                  <td>
                    {d.candidates
                      .map((c) => `${c.givenName} ${c.familyName} (${institutionName(c.institutionId)})`)
                      .join("; ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  )
}
