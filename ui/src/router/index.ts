// Routes and the sign-in guard: every page but /login and the public portal (/portal, 行政执法专栏) needs a
// session; a user who must change the password is held on /password; a page needs its permission key
// (router/pages.ts). The portal has its own layout and never asks who is signed in.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { ADMIN_PAGES } from './pages'

declare module 'vue-router' {
  interface RouteMeta {
    title?: string
    /** Reachable without a session. */
    public?: boolean
    /** A page of the public portal: no session is asked for (nor any redirect to sign in made). */
    portal?: boolean
    permission?: string
    /** The menu entry to highlight (pages not in the menu themselves). */
    activeMenu?: string
  }
}

const PRODUCT_NAME = '运城市行政执法综合管理监督平台'
const PORTAL_NAME = '运城市行政执法专栏'

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/views/login/LoginView.vue'), meta: { title: '登录', public: true } },
  { path: '/password', name: 'password', component: () => import('@/views/password/PasswordView.vue'), meta: { title: '修改密码' } },
  {
    path: '/portal',
    component: () => import('@/layout/PortalLayout.vue'),
    meta: { public: true, portal: true },
    children: [
      { path: '', name: 'portal', redirect: { name: 'portal-bodies' } },
      {
        path: 'bodies',
        name: 'portal-bodies',
        component: () => import('@/views/portal/PortalBodiesView.vue'),
        meta: { title: '主体资格确认公告', public: true, portal: true },
      },
      {
        path: 'officers',
        name: 'portal-officers',
        component: () => import('@/views/portal/PortalOfficersView.vue'),
        meta: { title: '执法人员查询', public: true, portal: true },
      },
      {
        path: 'matters',
        name: 'portal-matters',
        component: () => import('@/views/portal/PortalMattersView.vue'),
        meta: { title: '执法事项清单', public: true, portal: true },
      },
      {
        path: 'matters/:id',
        name: 'portal-matter',
        component: () => import('@/views/portal/PortalMatterDetailView.vue'),
        meta: { title: '执法事项详情', public: true, portal: true },
      },
      {
        path: 'township',
        name: 'portal-township',
        component: () => import('@/views/portal/PortalTownshipView.vue'),
        meta: { title: '乡镇执法事项', public: true, portal: true },
      },
      {
        path: 'benchmarks',
        name: 'portal-benchmarks',
        component: () => import('@/views/portal/PortalBenchmarksView.vue'),
        meta: { title: '行政处罚裁量基准', public: true, portal: true },
      },
      {
        path: 'lenient',
        name: 'portal-lenient',
        component: () => import('@/views/portal/PortalLenientView.vue'),
        meta: { title: '包容审慎监管清单', public: true, portal: true },
      },
      { path: ':pathMatch(.*)*', redirect: { name: 'portal-bodies' } },
    ],
  },
  {
    path: '/',
    component: () => import('@/layout/AdminLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('@/views/dashboard/DashboardView.vue'), meta: { title: '首页' } },
      ...ADMIN_PAGES.map((p) => ({
        path: p.path.slice(1),
        name: p.name,
        component: p.component,
        meta: { title: p.title, permission: p.permission, activeMenu: p.activeMenu },
      })),
      { path: '403', name: 'forbidden', component: () => import('@/views/error/ForbiddenView.vue'), meta: { title: '无权访问' } },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('@/views/error/NotFoundView.vue'), meta: { title: '页面不存在' } },
    ],
  },
]

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
})

router.beforeEach(async (to) => {
  // The portal is for the public: it neither needs nor looks for a session.
  if (to.meta.portal) return true
  const auth = useAuthStore()
  try {
    await auth.ensureLoaded()
  } catch {
    // server unreachable: fall through as signed out; the login page shows the error when used
  }
  if (to.meta.public) {
    if (to.name === 'login' && auth.signedIn && !auth.mustChangePassword) return { path: '/' }
    return true
  }
  if (!auth.signedIn) {
    return { name: 'login', query: to.fullPath && to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  }
  if (auth.mustChangePassword && to.name !== 'password') return { name: 'password' }
  if (to.meta.permission && !auth.hasPermission(to.meta.permission)) return { name: 'forbidden' }
  return true
})

router.afterEach((to) => {
  const product = to.meta.portal ? PORTAL_NAME : PRODUCT_NAME
  document.title = to.meta.title ? `${to.meta.title} - ${product}` : product
})

export { PORTAL_NAME, PRODUCT_NAME }
