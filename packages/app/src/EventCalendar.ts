/**
 * An event as an iCalendar file (RFC 5545) through `ical-generator`: what the public page offers
 * for download and what a registration confirmation attaches. Events have dates, not hours, so
 * the entry is an all-day one whose end is the day after the last day (DTEND is exclusive).
 * @module
 */
import type { Event } from "@coordina/domain"
import ical from "ical-generator"

const words = {
  bg: { calendar: "Coordina — събития", where: "Място" },
  en: { calendar: "Coordina — events", where: "Place" },
} as const

const dayAfter = (date: string): Date => {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d
}

/** The `.ics` text of one event, its calendar named in `language`; the same event keeps one UID. */
export const eventCalendar = (
  event: Pick<Event, "id" | "title" | "startDate" | "endDate" | "city">,
  language: "bg" | "en",
): string => {
  const calendar = ical({
    name: words[language].calendar,
    prodId: { company: "Coordina", product: "events" },
  })
  calendar.createEvent({
    id: `${event.id}@coordina`,
    allDay: true,
    start: new Date(`${event.startDate}T00:00:00Z`),
    end: dayAfter(event.endDate),
    summary: event.title,
    location: event.city,
    description: `${words[language].where}: ${event.city}`,
  })
  return calendar.toString()
}
