/**
 * The signed-in state of this browser tab. The access token lives in sessionStorage, so it is
 * gone when the tab closes and never shared with other sites.
 */
const key = "coordina.token"

/** The current access token, if signed in. */
export const getToken = (): string | null => sessionStorage.getItem(key)

/** Remembers the token for this tab. */
export const setToken = (token: string): void => sessionStorage.setItem(key, token)

/** Forgets the token. */
export const clearToken = (): void => sessionStorage.removeItem(key)
