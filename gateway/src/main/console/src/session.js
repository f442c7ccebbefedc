import { reactive } from 'vue'
import { api, tokens } from './api/http'

/** Who is logged in, from the token and `GET /me`. The token lives in this tab only (sessionStorage). */
export const session = reactive({ me: null, mustChangePassword: false, notice: '' })

let expiryTimer

function expiresAt(token) {
  try {
    const claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')))
    return claims.exp ? claims.exp * 1000 : null
  } catch (e) {
    return null
  }
}

function watchExpiry(token) {
  clearTimeout(expiryTimer)
  const at = expiresAt(token)
  // setTimeout takes at most ~24.8 days; a token lives 8 hours.
  if (at) expiryTimer = setTimeout(() => session.end('TOKEN_EXPIRED'), Math.max(0, at - Date.now()))
}

let router

export function bindRouter(r) {
  router = r
  tokens.onUnauthorised((problem) => session.end(problem.code === 'UNAUTHENTICATED' ? 'TOKEN_EXPIRED' : problem.code))
}

// Getters are defined, not assigned: Object.assign would copy their values once.
Object.defineProperties(session, {
  loggedIn: { get: () => !!tokens.get() },
  role: { get: () => session.me?.role }
})

Object.assign(session, {
  hasRole(...roles) {
    return !!session.me && roles.includes(session.me.role)
  },
  /** Logs in; the caller shows a refusal (captcha, lock) itself. */
  async login(username, password, captcha) {
    const body = { username, password }
    if (captcha?.captchaId) Object.assign(body, captcha)
    const answer = await api.post('/auth/login', body)
    await session.start(answer.token, answer.mustChangePassword)
  },
  async start(token, mustChangePassword) {
    tokens.set(token)
    watchExpiry(token)
    session.mustChangePassword = mustChangePassword
    session.notice = ''
    if (!mustChangePassword) session.me = await api.get('/me')
  },
  /** After a reload: the token is still in this tab. */
  async resume() {
    const token = tokens.get()
    if (!token || session.me) return
    watchExpiry(token)
    try {
      session.me = await api.get('/me')
    } catch (p) {
      if (p.code === 'PASSWORD_CHANGE_REQUIRED') session.mustChangePassword = true
      else if (p.status !== 401) throw p
    }
  },
  async changePassword(oldPassword, newPassword) {
    const answer = await api.post('/auth/password', { oldPassword, newPassword })
    await session.start(answer.token, false)
  },
  async logout() {
    try {
      await api.post('/auth/logout')
    } finally {
      session.end('LOGGED_OUT')
    }
  },
  /** Back to 登录, saying why (`reason` is an API code or LOGGED_OUT). */
  end(reason) {
    clearTimeout(expiryTimer)
    tokens.set(null)
    session.me = null
    session.mustChangePassword = false
    if (router && router.currentRoute.value.path !== '/login') router.push({ path: '/login', query: { reason } })
  }
})
