// How figures read on every screen: money with two places and thousands separators, times in Beijing time.
const money = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
const whole = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 6 })
const time = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false
})

export const fmt = {
  money: (v) => (v === null || v === undefined || v === '' ? '—' : money.format(Number(v))),
  number: (v) => (v === null || v === undefined || v === '' ? '—' : whole.format(Number(v))),
  time: (v) => (v ? time.format(new Date(v)).replace(/\//g, '-') : '—'),
  percent: (v) => (v === null || v === undefined ? '—' : `${(Number(v) * 100).toFixed(2)}%`)
}
