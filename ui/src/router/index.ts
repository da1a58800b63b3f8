// Routes and the sign-in guard: every page but /login needs a session; a user who must change the password
// is held on /password; a page needs its permission key (router/pages.ts). The public portal (/portal,
// 行政执法专栏) is not here: it is an entry of its own (portal.html, src/portal/), reached from the console by
// ordinary links.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { ADMIN_PAGES } from './pages'

declare module 'vue-router' {
  interface RouteMeta {
    title?: string
    /** Reachable without a session. */
    public?: boolean
    permission?: string
    /** The menu entry to highlight (pages not in the menu themselves). */
    activeMenu?: string
  }
}

const PRODUCT_NAME = '运城市行政执法综合管理监督平台'

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/views/login/LoginView.vue'), meta: { title: '登录', public: true } },
  { path: '/password', name: 'password', component: () => import('@/views/password/PasswordView.vue'), meta: { title: '修改密码' } },
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
  document.title = to.meta.title ? `${to.meta.title} - ${PRODUCT_NAME}` : PRODUCT_NAME
})

export { PRODUCT_NAME }
