// Button-level permission keys, as the server's GET /api/permissions names them. A button is shown only
// to users who hold its key; the server checks again on every call. (Menu keys live in router/pages.ts.)
export const PERM = {
  orgCreate: 'system:org:create',
  orgUpdate: 'system:org:update',
  userCreate: 'system:user:create',
  userUpdate: 'system:user:update',
  /** 停用 / 启用 / 解锁 */
  userDisable: 'system:user:disable',
  userResetPassword: 'system:user:reset_password',
  roleCreate: 'system:role:create',
  roleUpdate: 'system:role:update',
  officerCreate: 'people:officer:create',
  /** 申领执法证 and every step after it (考试、发证、年审、暂扣、恢复、吊销、注销、到期) */
  certificateManage: 'people:certificate:manage',
  /** Edit an officer (post, fields, 法制审核人员, status, body). */
  officerUpdate: 'people:officer:update',
  officerImport: 'people:officer:import',
  /** Edit an enforcement body (kind, legal basis, fields, credit code, status). */
  bodyManage: 'people:body:manage',
  /** 主体资格确认 */
  bodyConfirm: 'people:body:confirm',
  /** Exam sessions: create, candidates, scores, issue, close. */
  examManage: 'people:exam:manage',
  /** Training classes and their attendance. */
  trainingManage: 'people:training:manage',
  supervisorManage: 'people:supervisor:manage',
  /** Enter laws (地方性法规, 规章, 规范性文件 ...) and add or replace their articles. */
  lawManage: 'catalogue:law:manage',
  /** 新增 / 编辑 / 导入 执法事项 */
  matterManage: 'catalogue:matter:manage',
  /** 采用乡镇执法事项清单 (a county's decision) */
  townshipAdopt: 'catalogue:township:adopt',
  /** Add, change and import discretion benchmarks and lenient-list entries. */
  benchmarkManage: 'catalogue:benchmark:manage',
  /** 案件承办: 登记线索 and the officer's steps (告知、听证申请、提交审核、送达、归档 ...). */
  caseHandle: 'case:handle',
  /** 机关负责人: 立案、作出决定、结案 ... */
  caseApprove: 'case:approve',
  /** 法制审核 */
  caseReview: 'case:review',
  /** 公示: 审核发布、不予公开、撤回公示、登记许可或其他决定 */
  publishApprove: 'publish:approve',
  /** 公示设置 and the take-down job */
  publishSettingsManage: 'publish:settings:manage',
} as const
