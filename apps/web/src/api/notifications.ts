/**
 * The signed-in user's e-mail notification preferences.
 */
import { NotificationPreferences } from "@coordina/domain"
import { queryOptions } from "@tanstack/react-query"
import { api } from "./client.js"
import { resourceKeys } from "./keys.js"

/** The query keys of the preferences. */
export const notificationKeys = resourceKeys("notifications")

/** What the signed-in user receives. */
export const notificationPreferencesQuery = () =>
  queryOptions({
    queryKey: notificationKeys.one("me"),
    queryFn: () => api("/v1/users/me/notifications", { schema: NotificationPreferences }),
  })

/** Replaces the user's preferences. */
export const saveNotificationPreferences = (body: typeof NotificationPreferences.Encoded) =>
  api("/v1/users/me/notifications", { method: "PUT", body, schema: NotificationPreferences })
