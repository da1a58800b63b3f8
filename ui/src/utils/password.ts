// Password complexity as the server enforces it (等保 2.0): at least 8 characters with upper-case,
// lower-case, a digit and a symbol. The server has the last word; this only helps the user early.

export const PASSWORD_MIN_LENGTH = 8
export const PASSWORD_HINT = '至少 8 位，须同时包含大写字母、小写字母、数字和特殊符号'

/** The first rule the password breaks, in Chinese, or '' when it meets them all. */
export function passwordProblem(pw: string): string {
  if (pw.length < PASSWORD_MIN_LENGTH) return `密码长度至少 ${PASSWORD_MIN_LENGTH} 位`
  if (!/[A-Z]/.test(pw)) return '密码须包含大写字母'
  if (!/[a-z]/.test(pw)) return '密码须包含小写字母'
  if (!/[0-9]/.test(pw)) return '密码须包含数字'
  if (!/[^A-Za-z0-9]/.test(pw)) return '密码须包含特殊符号'
  return ''
}
