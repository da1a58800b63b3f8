// Every page of the console behind the layout, with the permission key that shows it in the menu and
// lets the router open it. The left menu is built from this list, grouped by capability.
import type { Component } from 'vue'
import type { RouteComponent } from 'vue-router'
import {
  Avatar,
  Collection,
  Connection,
  DataAnalysis,
  Document,
  Files,
  Key,
  OfficeBuilding,
  Postcard,
  Setting,
  Tickets,
  User,
} from '@element-plus/icons-vue'

export interface MenuGroup {
  key: string
  title: string
  icon: Component
}

export interface AdminPage {
  path: string
  name: string
  title: string
  /** Permission key required to see and open the page. */
  permission: string
  group: string
  icon: Component
  component: () => Promise<RouteComponent | { default: RouteComponent }>
}

export const MENU_GROUPS: MenuGroup[] = [
  { key: 'system', title: '系统管理', icon: Setting },
  { key: 'logs', title: '日志审计', icon: Document },
  { key: 'people', title: '人员与主体', icon: Avatar },
  { key: 'ledger', title: '可信账本', icon: Connection },
]

export const ADMIN_PAGES: AdminPage[] = [
  {
    path: '/system/orgs',
    name: 'orgs',
    title: '组织机构',
    permission: 'system:org:list',
    group: 'system',
    icon: OfficeBuilding,
    component: () => import('@/views/system/OrgView.vue'),
  },
  {
    path: '/system/users',
    name: 'users',
    title: '用户管理',
    permission: 'system:user:list',
    group: 'system',
    icon: User,
    component: () => import('@/views/system/UserView.vue'),
  },
  {
    path: '/system/roles',
    name: 'roles',
    title: '角色管理',
    permission: 'system:role:list',
    group: 'system',
    icon: Key,
    component: () => import('@/views/system/RoleView.vue'),
  },
  {
    path: '/logs/login',
    name: 'login-logs',
    title: '登录日志',
    permission: 'log:login:list',
    group: 'logs',
    icon: Tickets,
    component: () => import('@/views/logs/LoginLogView.vue'),
  },
  {
    path: '/logs/operations',
    name: 'operation-logs',
    title: '操作日志',
    permission: 'log:operation:list',
    group: 'logs',
    icon: Files,
    component: () => import('@/views/logs/OperationLogView.vue'),
  },
  {
    path: '/people/officers',
    name: 'officers',
    title: '执法人员',
    permission: 'people:officer:list',
    group: 'people',
    icon: Postcard,
    component: () => import('@/views/people/OfficerView.vue'),
  },
  {
    path: '/ledger/events',
    name: 'ledger-events',
    title: '账本事件',
    permission: 'ledger:event:list',
    group: 'ledger',
    icon: Collection,
    component: () => import('@/views/ledger/LedgerEventView.vue'),
  },
]

export const DASHBOARD_ICON = DataAnalysis
