// The portal's routes (/portal/...), each page loaded when first visited. The portal has no session: no
// guard asks who is signed in, and the console's pages (/login included) are reached by ordinary links,
// which load the console's own entry.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import PortalLayout from './PortalLayout.vue'

declare module 'vue-router' {
  interface RouteMeta {
    title?: string
  }
}

export const PORTAL_NAME = '运城市行政执法专栏'

const routes: RouteRecordRaw[] = [
  {
    path: '/portal',
    component: PortalLayout,
    children: [
      { path: '', name: 'portal', redirect: { name: 'portal-bodies' } },
      { path: 'bodies', name: 'portal-bodies', component: () => import('@/views/portal/PortalBodiesView.vue'), meta: { title: '主体资格确认公告' } },
      { path: 'officers', name: 'portal-officers', component: () => import('@/views/portal/PortalOfficersView.vue'), meta: { title: '执法人员查询' } },
      { path: 'matters', name: 'portal-matters', component: () => import('@/views/portal/PortalMattersView.vue'), meta: { title: '执法事项清单' } },
      {
        path: 'matters/:id',
        name: 'portal-matter',
        component: () => import('@/views/portal/PortalMatterDetailView.vue'),
        meta: { title: '执法事项详情' },
      },
      { path: 'township', name: 'portal-township', component: () => import('@/views/portal/PortalTownshipView.vue'), meta: { title: '乡镇执法事项' } },
      {
        path: 'benchmarks',
        name: 'portal-benchmarks',
        component: () => import('@/views/portal/PortalBenchmarksView.vue'),
        meta: { title: '行政处罚裁量基准' },
      },
      { path: 'lenient', name: 'portal-lenient', component: () => import('@/views/portal/PortalLenientView.vue'), meta: { title: '包容审慎监管清单' } },
      {
        path: 'decisions',
        name: 'portal-decisions',
        component: () => import('@/views/portal/PortalDecisionsView.vue'),
        meta: { title: '行政处罚等决定公示' },
      },
      {
        path: 'decisions/:id',
        name: 'portal-decision',
        component: () => import('@/views/portal/PortalDecisionView.vue'),
        meta: { title: '行政执法决定' },
      },
      {
        path: 'decision-stats',
        name: 'portal-decision-stats',
        component: () => import('@/views/portal/PortalDecisionStatsView.vue'),
        meta: { title: '公示统计' },
      },
      {
        path: 'annual',
        name: 'portal-annual',
        component: () => import('@/views/portal/PortalAnnualView.vue'),
        meta: { title: '年度行政执法数据' },
      },
      {
        path: 'procedures',
        name: 'portal-procedures',
        component: () => import('@/views/portal/PortalProceduresView.vue'),
        meta: { title: '执法程序与救济渠道' },
      },
      { path: ':pathMatch(.*)*', redirect: { name: 'portal-bodies' } },
    ],
  },
  // portal.html is served only under /portal; anything else in this router is a mistake of a link
  { path: '/:pathMatch(.*)*', redirect: { name: 'portal-bodies' } },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
  // a new page starts at its top (a new search on the same page stays); 返回 comes back to where the reader was
  scrollBehavior: (to, from, saved) => saved ?? (to.path !== from.path ? { top: 0 } : false),
})

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} - ${PORTAL_NAME}` : PORTAL_NAME
})
