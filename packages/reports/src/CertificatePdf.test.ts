import type { IsoDate } from "@coordina/domain"
import { describe, expect, it } from "vitest"
import { pdfPages } from "./ReadBack.js"
import { type CertificateSheet, certificateDate, renderCertificates } from "./CertificatePdf.js"

const pagesOf = (bytes: Uint8Array) => pdfPages(bytes)

const sheet = (holder: string, code: string): CertificateSheet => ({
  code,
  holder,
  eventTitle: "Регионален семинар по интеграция",
  city: "Русе",
  startDate: "2018-05-16" as IsoDate,
  endDate: "2018-05-17" as IsoDate,
  daysAttended: ["2018-05-17" as IsoDate],
  eventDays: 2,
  organiser: "Coordina flagship project",
  issuedAt: "2026-12-02T10:00:00.000Z",
  verifyUrl: `https://coordina.example/verify/${code}`,
})

describe("renderCertificates", () => {
  it("prints one A4 page per holder, the Cyrillic name as written, the code and the verify address", async () => {
    const bytes = await renderCertificates(
      [sheet("Иванка Петрова", "AB12-CD34-EF56"), sheet("Jean Dupont", "ZZ99-YY88-XX77")],
      "bg",
    )
    const pages = await pagesOf(bytes)
    expect(pages).toHaveLength(2)
    // A4 in points.
    expect(pages[0]?.view.map(Math.round)).toEqual([0, 0, 595, 842])
    expect(pages[0]?.text).toContain("Иванка Петрова")
    expect(pages[0]?.text).toContain("AB12-CD34-EF56")
    expect(pages[0]?.text).toContain("УДОСТОВЕРЕНИЕ ЗА УЧАСТИЕ")
    expect(pages[0]?.text).toContain("Присъствие: 1 от 2 дни")
    expect(pages[0]?.text).toContain("16.05.2018 г. – 17.05.2018 г.")
    expect(pages[0]?.text).toContain("https://coordina.example/verify/AB12-CD34-EF56")
    expect(pages[1]?.text).toContain("Jean Dupont")
    expect(pages[1]?.text).not.toContain("Иванка")
  })

  it("speaks English when asked", async () => {
    const [page] = await pagesOf(await renderCertificates([sheet("Иванка Петрова", "AB12-CD34")], "en"))
    expect(page?.text).toContain("CERTIFICATE OF ATTENDANCE")
    expect(page?.text).toContain("Attendance: 1 of 2 days")
    expect(page?.text).toContain("16 May 2018 – 17 May 2018")
    expect(page?.text).toContain("Иванка Петрова")
  })

  it("writes dates the reader's way", () => {
    expect(certificateDate("2019-03-02", "bg")).toBe("02.03.2019 г.")
    expect(certificateDate("2019-03-02T23:00:00.000Z", "en")).toBe("2 March 2019")
  })
})
