/**
 * Downloads of a list as the API writes it (CSV or XLSX, the screen's columns, in the chosen
 * language). The file is fetched with the caller's credentials, so a token works as a cookie does.
 */
import { useState } from "react"
import { Button } from "react-aria-components"
import { ApiProblem, authHeaders, problemOf } from "../api/client.js"
import { useI18n } from "../i18n/I18n.js"
import { Problem } from "./Problem.js"

const filenameOf = (disposition: string | null, fallback: string): string =>
  /filename="?([^";]+)"?/.exec(disposition ?? "")?.[1] ?? fallback

/** Fetches `path` (a list endpoint with its filters) as a file and hands it to the browser. */
export const download = async (path: string, format: "csv" | "xlsx", language: string): Promise<void> => {
  const url = `${path}${path.includes("?") ? "&" : "?"}format=${format}&lang=${language}`
  const res = await fetch(url, { headers: authHeaders("GET"), credentials: "same-origin" })
  if (!res.ok) {
    const body: unknown = await res.json().catch(() => undefined)
    throw problemOf(res.status, res.statusText, body, res.headers.get("Retry-After"))
  }
  const blob = await res.blob()
  const link = document.createElement("a")
  link.href = URL.createObjectURL(blob)
  link.download = filenameOf(res.headers.get("Content-Disposition"), `export.${format}`)
  document.body.append(link)
  link.click()
  link.remove()
  // The browser has taken the file once the click is handled; the URL can go after that.
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000)
}

/** CSV and XLSX buttons for the list `path` answers. */
export const ExportButtons = ({ path }: { readonly path: string }) => {
  const { t, language } = useI18n()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(undefined)
  const run = async (format: "csv" | "xlsx") => {
    setBusy(true)
    setError(undefined)
    try {
      await download(path, format, language)
    } catch (e) {
      setError(e instanceof ApiProblem || e instanceof Error ? e : new Error(String(e)))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="export-buttons">
      <Button className="button" onPress={() => void run("csv")} isDisabled={busy}>
        {t.ui.export.csv}
      </Button>
      <Button className="button" onPress={() => void run("xlsx")} isDisabled={busy}>
        {t.ui.export.xlsx}
      </Button>
      {busy && (
        <span role="status" className="muted">
          {t.ui.export.busy}
        </span>
      )}
      {error !== undefined && <Problem error={error} />}
    </div>
  )
}
