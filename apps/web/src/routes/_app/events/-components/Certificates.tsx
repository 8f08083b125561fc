import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { Button } from "react-aria-components"
import {
  certificateFilePath,
  certificateKeys,
  downloadCertificates,
  eventCertificatesQuery,
  issueCertificates,
} from "../../../../api/certificates.js"
import { peopleByIdsQuery } from "../../../../api/reach.js"
import { SelectField } from "../../../../components/Fields.js"
import { ProblemAlert, StatusMessage } from "../../../../components/reach/Fields.js"
import { useI18n } from "../../../../i18n/I18n.js"

type Language = "bg" | "en"

/**
 * The event's certificates: issuing (offered only when the server says the caller may), the
 * codes by person, and the printed files. Names come from the people the page already reads.
 */
export function Certificates({ eventId }: { readonly eventId: string }) {
  const { t, language: uiLanguage } = useI18n()
  const c = t.certificates
  const queryClient = useQueryClient()
  const list = useQuery(eventCertificatesQuery(eventId))
  const items = list.data?.items ?? []
  const allowed = list.data?.allowedActions ?? []
  const people = useQuery(peopleByIdsQuery(items.map((i) => i.personId)))
  const nameOf = (id: string) => {
    const p = people.data?.find((person) => person.id === id)
    return p ? `${p.givenName} ${p.familyName}` : id
  }
  const [language, setLanguage] = useState<Language>(uiLanguage === "en" ? "en" : "bg")
  const issue = useMutation({
    mutationFn: () => issueCertificates(eventId),
    onSuccess: () => certificateKeys.invalidate(queryClient),
  })
  const download = useMutation({ mutationFn: downloadCertificates })
  const canDownload = allowed.includes("download")
  return (
    <section aria-labelledby="certificates" className="panel">
      <h2 id="certificates">{c.title}</h2>
      <p className="muted">{c.intro}</p>
      {list.isError && <ProblemAlert error={list.error} />}
      {allowed.includes("issue") && (
        <div className="form-actions">
          <Button className="button primary" onPress={() => issue.mutate()} isDisabled={issue.isPending}>
            {c.issue}
          </Button>
        </div>
      )}
      {issue.isError && <ProblemAlert error={issue.error} />}
      {issue.isSuccess && <StatusMessage>{c.issued(issue.data.items.length)}</StatusMessage>}
      {items.length === 0 ? (
        <p className="muted">{list.isPending ? t.app.loading : c.none}</p>
      ) : (
        <>
          {canDownload && (
            <div className="form-actions">
              <SelectField
                label={c.language}
                value={language}
                onChange={(v) => setLanguage(v === "en" ? "en" : "bg")}
                options={[
                  { id: "bg", label: c.languages.bg },
                  { id: "en", label: c.languages.en },
                ]}
              />
              <Button
                className="button"
                onPress={() => download.mutate(certificateFilePath({ eventId, format: "pdf" }, language))}
              >
                {c.allPdf}
              </Button>
              <Button
                className="button"
                onPress={() => download.mutate(certificateFilePath({ eventId, format: "zip" }, language))}
              >
                {c.allZip}
              </Button>
            </div>
          )}
          {download.isError && <ProblemAlert error={download.error} />}
          <table className="table" data-testid="certificates">
            <thead>
              <tr>
                <th scope="col">{c.person}</th>
                <th scope="col">{c.code}</th>
                {canDownload && <th scope="col">{c.download}</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.code}>
                  <td>{nameOf(item.personId)}</td>
                  <td>
                    <code>{item.code}</code>
                  </td>
                  {canDownload && (
                    <td>
                      <Button
                        className="button"
                        aria-label={c.downloadOne(nameOf(item.personId))}
                        onPress={() => download.mutate(certificateFilePath({ code: item.code }, language))}
                      >
                        PDF
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}
