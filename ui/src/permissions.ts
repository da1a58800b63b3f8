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
} as const
