import { describe, describeField } from './messages'

/** A refusal of the API (problem+json), with the clerk's sentence in `message`. */
export class Problem extends Error {
  constructor(status, body) {
    const problem = { status, ...body }
    super(describe(problem))
    Object.assign(this, problem)
    this.status = status
    this.fields = body.fields || []
    this.rows = body.rows || []
    this.figures = body.figures || {}
  }

  /** The messages the API attached to each named field: {field: sentence}. */
  fieldErrors() {
    const out = {}
    for (const f of this.fields) {
      const name = typeof f === 'string' ? f : f.field
      const text = typeof f === 'string' ? '系统不认识此字段' : describeField(f.field, f.message)
      if (name) out[name.replace(/\[\d+\]/g, '')] = text
    }
    if (this.figures?.drugCode && !out.drugCode) out[this.figures.drugCode] = this.message
    return out
  }
}

const TOKEN_KEY = 'vbp.token'
let onUnauthorised = () => {}

export const tokens = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (t) => (t ? sessionStorage.setItem(TOKEN_KEY, t) : sessionStorage.removeItem(TOKEN_KEY)),
  /** Called with the problem when the API no longer accepts the token (expired, revoked). */
  onUnauthorised: (fn) => (onUnauthorised = fn)
}

// Read-your-writes across gateways: the API answers a command with the event position it reached, and a read sent
// with X-Read-After waits until what it reads reflects that position (the gateway also remembers it per token).
const POSITION_KEY = 'vbp.position'

function query(params) {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') q.append(k, v)
  }
  const s = q.toString()
  return s ? `?${s}` : ''
}

async function send(method, path, { params, json, form, headers = {}, idempotent = true } = {}) {
  const h = { Accept: 'application/json, application/problem+json', ...headers }
  const token = tokens.get()
  if (token) h.Authorization = `Bearer ${token}`
  let body
  if (json !== undefined) {
    h['Content-Type'] = 'application/json'
    body = JSON.stringify(json)
  } else if (form) {
    body = form
  }
  // A retried click must not act twice: the API answers a repeated key with the first answer.
  // A check that stores nothing (idempotent: false) needs no key, and is not kept as a first answer either.
  if (idempotent && (method === 'POST' || method === 'PUT') && !path.startsWith('/auth/')) h['Idempotency-Key'] = crypto.randomUUID()
  const position = sessionStorage.getItem(POSITION_KEY)
  if (position) h['X-Read-After'] = position
  let res
  try {
    res = await fetch(`/api/v1${path}${query(params)}`, { method, headers: h, body })
  } catch (e) {
    throw new Problem(0, { code: 'NETWORK', detail: '无法连接服务器，请检查网络后重试' })
  }
  const reached = res.headers.get('X-Event-Position')
  if (reached && Number(reached) > Number(position || -1)) sessionStorage.setItem(POSITION_KEY, reached)
  // A position from before a restore is unknown to the server: forget it and ask again without it.
  if (res.status === 400 && position && res.headers.get('Content-Type')?.includes('problem')) {
    const again = res.clone()
    const problem = await again.json().catch(() => ({}))
    if (problem.code === 'INVALID_READ_AFTER') {
      sessionStorage.removeItem(POSITION_KEY)
      return send(method, path, { params, json, form, headers, idempotent })
    }
  }
  return res
}

async function problemOf(res) {
  let body = {}
  try {
    body = await res.json()
  } catch (e) {
    body = { detail: `请求失败（${res.status}）` }
  }
  const problem = new Problem(res.status, body)
  if (res.status === 401 && tokens.get() && !['BAD_CREDENTIALS', 'CAPTCHA_REQUIRED', 'CAPTCHA_INVALID', 'CAPTCHA_EXPIRED'].includes(problem.code)) {
    onUnauthorised(problem)
  }
  return problem
}

async function call(method, path, options) {
  const res = await send(method, path, options)
  if (!res.ok) throw await problemOf(res)
  if (res.status === 204) return null
  const type = res.headers.get('Content-Type') || ''
  return type.includes('json') ? res.json() : res.text()
}

function fileName(res, fallback) {
  const cd = res.headers.get('Content-Disposition') || ''
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd)
  if (star) return decodeURIComponent(star[1])
  const plain = /filename="?([^";]+)"?/i.exec(cd)
  return plain ? plain[1] : fallback
}

export const api = {
  get: (path, params) => call('GET', path, { params }),
  post: (path, json, params, options) => call('POST', path, { json: json ?? {}, params, ...options }),
  put: (path, json) => call('PUT', path, { json }),
  /** multipart: a FormData with the file(s) and fields. */
  upload: (path, form) => call('POST', path, { form }),
  /** GETs a file (导出) with the token and hands it to the browser as a download. */
  async download(path, params, fallbackName = 'export.xlsx') {
    const res = await send('GET', path, { params, headers: { Accept: '*/*' } })
    if (!res.ok) throw await problemOf(res)
    const blob = await res.blob()
    const url = URL.createObjectURL(blob)
    const a = document.createElement('a')
    a.href = url
    a.download = fileName(res, fallbackName)
    document.body.appendChild(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10000)
    return a.download
  }
}
