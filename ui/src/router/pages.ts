// Every page of the console behind the layout, with the permission key that shows it in the menu and
// lets the router open it. The left menu is built from this list, grouped by capability.
import type { Component } from 'vue'
import type { RouteComponent } from 'vue-router'
import {
  AlarmClock,
  Avatar,
  Briefcase,
  Collection,
  Connection,
  DataAnalysis,
  Document,
  DocumentChecked,
  EditPen,
  Files,
  Histogram,
  Key,
  OfficeBuilding,
  PieChart,
  Postcard,
  Promotion,
  Reading,
  School,
  Setting,
  Tickets,
  Timer,
  TrendCharts,
  User,
  View,
  WarningFilled,
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
  /** A page opened from another one (e.g. a detail page): routed, but not in the menu or the shortcuts. */
  hidden?: boolean
  /** The menu entry to highlight while this page is open (for hidden pages). */
  activeMenu?: string
}

export const MENU_GROUPS: MenuGroup[] = [
  { key: 'system', title: '系统管理', icon: Setting },
  { key: 'logs', title: '日志审计', icon: Document },
  { key: 'people', title: '人员与主体', icon: Avatar },
  { key: 'catalogue', title: '执法事项与裁量', icon: Reading },
  { key: 'case', title: '案件办理', icon: Briefcase },
  { key: 'publish', title: '行政执法公示', icon: Promotion },
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
    path: '/system/calendar',
    name: 'calendar',
    title: '工作日历',
    permission: 'system:calendar:list',
    group: 'system',
    icon: Tickets,
    component: () => import('@/views/system/CalendarView.vue'),
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
    path: '/people/bodies',
    name: 'bodies',
    title: '执法主体',
    permission: 'people:body:list',
    group: 'people',
    icon: OfficeBuilding,
    component: () => import('@/views/people/BodyView.vue'),
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
    path: '/people/exams',
    name: 'exams',
    title: '考试管理',
    permission: 'people:exam:list',
    group: 'people',
    icon: EditPen,
    component: () => import('@/views/people/ExamView.vue'),
  },
  {
    path: '/people/exams/:id(\\d+)',
    name: 'exam-detail',
    title: '考试详情',
    permission: 'people:exam:list',
    group: 'people',
    icon: EditPen,
    component: () => import('@/views/people/ExamDetailView.vue'),
    hidden: true,
    activeMenu: '/people/exams',
  },
  {
    path: '/people/trainings',
    name: 'trainings',
    title: '培训管理',
    permission: 'people:training:list',
    group: 'people',
    icon: Reading,
    component: () => import('@/views/people/TrainingView.vue'),
  },
  {
    path: '/people/supervisors',
    name: 'supervisors',
    title: '监督人员',
    permission: 'people:supervisor:list',
    group: 'people',
    icon: View,
    component: () => import('@/views/people/SupervisorView.vue'),
  },
  {
    path: '/people/reports',
    name: 'people-reports',
    title: '统计报表',
    permission: 'people:report:list',
    group: 'people',
    icon: Histogram,
    component: () => import('@/views/people/ReportView.vue'),
  },
  {
    path: '/catalogue/laws',
    name: 'laws',
    title: '法律法规库',
    permission: 'catalogue:law:list',
    group: 'catalogue',
    icon: Collection,
    component: () => import('@/views/catalogue/LawView.vue'),
  },
  {
    path: '/catalogue/matters',
    name: 'matters',
    title: '执法事项清单',
    permission: 'catalogue:matter:list',
    group: 'catalogue',
    icon: Tickets,
    component: () => import('@/views/catalogue/MatterView.vue'),
  },
  {
    path: '/catalogue/township',
    name: 'township-lists',
    title: '乡镇执法事项',
    permission: 'catalogue:matter:list',
    group: 'catalogue',
    icon: School,
    component: () => import('@/views/catalogue/TownshipListView.vue'),
  },
  {
    path: '/catalogue/benchmarks',
    name: 'benchmarks',
    title: '裁量基准',
    permission: 'catalogue:benchmark:list',
    group: 'catalogue',
    icon: EditPen,
    component: () => import('@/views/catalogue/BenchmarkView.vue'),
  },
  {
    path: '/catalogue/lenient',
    name: 'lenient',
    title: '包容审慎清单',
    permission: 'catalogue:benchmark:list',
    group: 'catalogue',
    icon: Document,
    component: () => import('@/views/catalogue/LenientView.vue'),
  },
  {
    path: '/cases',
    name: 'cases',
    title: '案件列表',
    permission: 'case:case:list',
    group: 'case',
    icon: Tickets,
    component: () => import('@/views/cases/CaseView.vue'),
  },
  {
    path: '/cases/:id(\\d+)',
    name: 'case-detail',
    title: '案件详情',
    permission: 'case:case:list',
    group: 'case',
    icon: Tickets,
    component: () => import('@/views/cases/CaseDetailView.vue'),
    hidden: true,
    activeMenu: '/cases',
  },
  {
    path: '/cases/deadlines',
    name: 'case-deadlines',
    title: '办案期限看板',
    permission: 'case:case:list',
    group: 'case',
    icon: AlarmClock,
    component: () => import('@/views/cases/DeadlineView.vue'),
  },
  {
    path: '/cases/review',
    name: 'case-review',
    title: '法制审核工作台',
    permission: 'case:review',
    group: 'case',
    icon: DocumentChecked,
    component: () => import('@/views/cases/ReviewDeskView.vue'),
  },
  {
    path: '/cases/uncertified',
    name: 'case-uncertified',
    title: '持证异常人员办案情况',
    permission: 'case:case:list',
    group: 'case',
    icon: WarningFilled,
    component: () => import('@/views/cases/UncertifiedView.vue'),
  },
  {
    path: '/cases/templates',
    name: 'case-templates',
    title: '执法文书模板',
    permission: 'case:case:list',
    group: 'case',
    icon: Document,
    component: () => import('@/views/cases/TemplateView.vue'),
  },
  {
    path: '/cases/rules',
    name: 'case-rules',
    title: '办案规则设置',
    permission: 'case:case:list',
    group: 'case',
    icon: Setting,
    component: () => import('@/views/cases/CaseRulesView.vue'),
  },
  {
    path: '/publication/desk',
    name: 'publication-desk',
    title: '公示审核台',
    permission: 'publish:queue:list',
    group: 'publish',
    icon: DocumentChecked,
    component: () => import('@/views/publication/PublicationDeskView.vue'),
  },
  {
    path: '/publication/timeliness',
    name: 'publication-timeliness',
    title: '公示及时率',
    permission: 'publish:queue:list',
    group: 'publish',
    icon: TrendCharts,
    component: () => import('@/views/publication/TimelinessView.vue'),
  },
  {
    path: '/publication/annual',
    name: 'publication-annual',
    title: '年度行政执法数据',
    permission: 'publish:queue:list',
    group: 'publish',
    icon: PieChart,
    component: () => import('@/views/publication/AnnualReportView.vue'),
  },
  {
    path: '/publication/settings',
    name: 'publication-settings',
    title: '公示设置',
    permission: 'publish:queue:list',
    group: 'publish',
    icon: Timer,
    component: () => import('@/views/publication/PublicationSettingsView.vue'),
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

/** The pages of the left menu (and of the dashboard shortcuts). */
export const MENU_PAGES = ADMIN_PAGES.filter((p) => !p.hidden)

export const DASHBOARD_ICON = DataAnalysis
/** Icon of the public portal (行政执法专栏) link. */
export const PORTAL_ICON = School
