import { createRouter, createWebHashHistory } from 'vue-router'
import { session } from './session'
import Layout from './layout/Layout.vue'

const ALL = ['ADMIN', 'AUDITOR', 'ANALYST', 'DISTRICT_BUREAU', 'INSTITUTION']
const BUREAUS = ['ADMIN', 'DISTRICT_BUREAU']

/**
 * The menus of the two manuals (seed 000 §3.2, seed 003 §4) and of the administrator, auditor and analyst.
 * `roles` decides both the menu and the route: a role never sees a page it may not open. Screens with
 * `hidden` are reached from a list (详情), not from the menu.
 */
export const menus = [
  { title: '首页', icon: 'HomeFilled', path: '/home', view: 'Home', roles: ALL },
  {
    title: '采购量分配', icon: 'ShoppingCart', children: [
      { path: '/allocation/supply-list', title: '供应清单', view: 'allocation/SupplyList', roles: ['ADMIN', 'ANALYST', 'AUDITOR', 'DISTRICT_BUREAU', 'INSTITUTION'] },
      { path: '/allocation/selected-lines', title: '中选产品采购量确认', view: 'allocation/SelectedLines', roles: ['INSTITUTION'] },
      { path: '/allocation/pending-lines', title: '待分配量选择和确认', view: 'allocation/PendingLines', roles: ['INSTITUTION'] },
      { path: '/allocation/report', title: '分配采购量确认上报', view: 'allocation/Report', roles: ['INSTITUTION'] }
    ]
  },
  {
    title: '带量采购结余留用', icon: 'Money', children: [
      { path: '/retention/calculation', title: '结余测算数据上报', view: 'retention/CalculationData', roles: ['ADMIN', 'DISTRICT_BUREAU', 'INSTITUTION'] },
      { path: '/retention/amounts', title: '医疗机构结余金额', view: 'retention/Amounts', roles: ['ADMIN', 'ANALYST', 'DISTRICT_BUREAU', 'INSTITUTION'] },
      { path: '/retention/amounts/:batch/:institution', title: '结余金额详情', view: 'retention/AmountDetail', roles: ['ADMIN', 'ANALYST', 'DISTRICT_BUREAU', 'INSTITUTION'], hidden: true },
      { path: '/appeals', title: '申诉管理', view: 'appeal/Appeals', roles: ['ADMIN', 'DISTRICT_BUREAU', 'INSTITUTION'] },
      { path: '/appeals/:id', title: '申诉详情', view: 'appeal/AppealDetail', roles: ['ADMIN', 'DISTRICT_BUREAU', 'INSTITUTION'], hidden: true }
    ]
  },
  {
    title: '系统管理', icon: 'Setting', children: [
      { path: '/admin/procurement-batches', title: '采购批次管理', view: 'admin/ProcurementBatches', roles: ['ADMIN'] },
      { path: '/admin/retention-batches', title: '结余留用批次管理', view: 'admin/RetentionBatches', roles: ['ADMIN'] },
      { path: '/admin/accounts', title: '账号管理', view: 'admin/Accounts', roles: ['ADMIN'] },
      { path: '/admin/replays', title: '读模型重建', view: 'admin/Replays', roles: ['ADMIN'] }
    ]
  },
  {
    title: '审计', icon: 'Document', children: [
      { path: '/audit/events', title: '事件历史', view: 'audit/Events', roles: ['AUDITOR'] },
      { path: '/audit/aggregate', title: '对象时间线', view: 'audit/Aggregate', roles: ['AUDITOR'] },
      { path: '/audit/integrity', title: '校验', view: 'audit/Integrity', roles: ['AUDITOR'] }
    ]
  },
  {
    title: '统计分析', icon: 'DataAnalysis', children: [
      { path: '/analytics/contract-amounts', title: '合同金额统计', view: 'analytics/ContractAmounts', roles: ['ANALYST', 'ADMIN'] },
      { path: '/analytics/allocation-progress', title: '分配进度', view: 'analytics/AllocationProgress', roles: ['ANALYST', 'ADMIN'] },
      { path: '/analytics/retention-summary', title: '结余留用汇总', view: 'analytics/RetentionSummary', roles: ['ANALYST', 'ADMIN'] }
    ]
  }
]

// Only screens that exist are routed and offered.
const views = import.meta.glob('./views/**/*.vue')
const screens = menus.flatMap((m) => m.children || [m]).filter((s) => views[`./views/${s.view}.vue`])

/** The menu a role sees: the groups with at least one screen it may open. */
export function menuFor(role) {
  const visible = (s) => !s.hidden && s.roles.includes(role) && views[`./views/${s.view}.vue`]
  return menus
    .map((m) => (m.children ? { ...m, children: m.children.filter(visible) } : visible(m) ? m : null))
    .filter((m) => m && (!m.children || m.children.length))
}

const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/login', component: () => import('./views/Login.vue'), meta: { title: '登录', public: true } },
    { path: '/password', component: () => import('./views/Password.vue'), meta: { title: '修改密码', bare: true } },
    {
      path: '/',
      component: Layout,
      redirect: '/home',
      children: [
        ...screens.map((s) => ({ path: s.path.slice(1), component: views[`./views/${s.view}.vue`], meta: { title: s.title, roles: s.roles } })),
        { path: 'profile', component: () => import('./views/Profile.vue'), meta: { title: '个人信息', roles: ALL } },
        { path: 'change-password', component: () => import('./views/Password.vue'), meta: { title: '修改密码', roles: ALL } }
      ]
    },
    { path: '/:rest(.*)*', redirect: '/home' }
  ]
})

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  if (!session.loggedIn) return { path: '/login', query: to.path === '/home' ? {} : { redirect: to.fullPath } }
  await session.resume()
  if (!session.loggedIn) return { path: '/login' }
  if (session.mustChangePassword && to.path !== '/password') return { path: '/password' }
  if (to.meta.roles && !session.hasRole(...to.meta.roles)) return { path: '/home' }
  return true
})

router.afterEach((to) => {
  document.title = `${to.meta.title || ''} - 医保带量采购管理平台`
})

export { BUREAUS }
export default router
