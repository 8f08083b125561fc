/**
 * The signed-in state of this browser tab. Staff sign in with email and password: the session
 * itself travels in an HttpOnly cookie the SPA never sees, and only the session's CSRF token is
 * kept here, in sessionStorage, so it is gone when the tab closes and never shared with other
 * sites. An access token (the install's admin token, or a session or API key token) is the
 * second way in; it lives in sessionStorage too and goes out as a bearer header.
 */
const tokenKey = "coordina.token"
const csrfKey = "coordina.csrf"
const methodKey = "coordina.signInMethod"

/** The current access token, if signed in with one. */
export const getToken = (): string | null => sessionStorage.getItem(tokenKey)

/** Remembers the token for this tab (a cookie session's CSRF token no longer applies). */
export const setToken = (token: string): void => {
  sessionStorage.removeItem(csrfKey)
  sessionStorage.setItem(tokenKey, token)
}

/** Forgets everything this tab knows of the session: the token and the CSRF token. */
export const clearToken = (): void => {
  sessionStorage.removeItem(tokenKey)
  sessionStorage.removeItem(csrfKey)
}

/** The cookie session's CSRF token, sent as `X-CSRF-Token` with every change. */
export const getCsrfToken = (): string | null => sessionStorage.getItem(csrfKey)

/** Remembers the cookie session's CSRF token for this tab. */
export const setCsrfToken = (csrfToken: string): void => sessionStorage.setItem(csrfKey, csrfToken)

/** How a person signs in: with email and password, or with an access token. */
export type SignInMethod = "password" | "token"

/**
 * The way this browser signed in last. A browser that never signed in starts with the access
 * token, because a fresh install has no accounts yet, only `COORDINA_ADMIN_TOKEN`.
 */
export const lastSignInMethod = (): SignInMethod =>
  localStorage.getItem(methodKey) === "password" ? "password" : "token"

/** Notes the way this browser signed in, to offer it first next time. */
export const rememberSignInMethod = (method: SignInMethod): void => localStorage.setItem(methodKey, method)
