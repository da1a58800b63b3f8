// Who is signed in, their permissions and the CSRF token for writes. Filled from the login answer or
// from GET /api/auth/me when the page is (re)loaded.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as authApi from '@/api/auth'
import { ApiError, type RequestOptions } from '@/api/http'
import type { CurrentUser, Session } from '@/api/types'

export const useAuthStore = defineStore('auth', () => {
  const user = ref<CurrentUser | null>(null)
  const csrfToken = ref('')
  /** Whether /api/auth/me was asked since the page loaded (so the router asks only once). */
  const checked = ref(false)

  const permissionSet = computed(() => new Set(user.value?.permissions ?? []))
  const signedIn = computed(() => user.value !== null)
  const mustChangePassword = computed(() => user.value?.must_change_password === true)

  function hasPermission(key: string): boolean {
    return permissionSet.value.has(key) || permissionSet.value.has('*')
  }

  function apply(session: Session): void {
    user.value = session.user
    csrfToken.value = session.csrf_token
    checked.value = true
  }

  function clear(): void {
    user.value = null
    csrfToken.value = ''
    checked.value = true
  }

  /** Asks the server once per page load whether a session is live. */
  async function ensureLoaded(): Promise<void> {
    if (checked.value) return
    try {
      apply(await authApi.fetchMe({ silent: true }))
    } catch (err) {
      clear()
      if (!(err instanceof ApiError) || err.status === 0) throw err
    }
  }

  async function refresh(): Promise<void> {
    apply(await authApi.fetchMe({ silent: true }))
  }

  async function login(username: string, password: string, opts: RequestOptions = {}): Promise<CurrentUser> {
    const session = await authApi.login(username, password, opts)
    apply(session)
    return session.user
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout()
    } catch {
      // the session may already be gone on the server: signed out either way
    } finally {
      clear()
    }
  }

  async function changePassword(oldPassword: string, newPassword: string, opts: RequestOptions = {}) {
    await authApi.changePassword(oldPassword, newPassword, opts)
    if (user.value) user.value = { ...user.value, must_change_password: false }
  }

  return {
    user,
    csrfToken,
    checked,
    signedIn,
    mustChangePassword,
    hasPermission,
    ensureLoaded,
    refresh,
    login,
    logout,
    changePassword,
    clear,
  }
})
