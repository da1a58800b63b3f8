// The built-in labels and tag colours of the enums the UI shows: the defaults of the console's dictionary
// store (stores/dicts.ts, which GET /api/dicts completes once signed in), and all the public portal has —
// /api/dicts needs a session — so `enforcement_field` must be complete there.
import type { DictItem, Dicts } from '@/api/types'

export const DICT_DEFAULTS: Dicts = {
  org_kind: [
    { value: 'city', label: '市', tag_type: 'danger' },
    { value: 'county', label: '县级', tag_type: 'warning' },
    { value: 'township', label: '乡镇/街道', tag_type: 'success' },
    { value: 'body', label: '机关/执法队', tag_type: 'primary' },
    { value: 'department', label: '内设机构', tag_type: 'info' },
  ],
  data_scope: [
    { value: 'all', label: '全部数据', tag_type: 'danger' },
    { value: 'custom', label: '自定义', tag_type: 'warning' },
    { value: 'org', label: '本部门', tag_type: 'primary' },
    { value: 'org_and_below', label: '本部门及以下', tag_type: 'success' },
    { value: 'division_and_below', label: '本级行政区域及以下', tag_type: 'warning' },
    { value: 'self', label: '仅本人', tag_type: 'info' },
  ],
  user_status: [
    { value: 'active', label: '正常', tag_type: 'success' },
    { value: 'disabled', label: '停用', tag_type: 'info' },
    { value: 'locked', label: '锁定', tag_type: 'danger' },
  ],
  login_result: [
    { value: 'ok', label: '成功', tag_type: 'success' },
    { value: 'bad_password', label: '密码错误', tag_type: 'danger' },
    { value: 'locked', label: '账号锁定', tag_type: 'danger' },
    { value: 'disabled', label: '账号停用', tag_type: 'warning' },
    { value: 'unknown_user', label: '用户不存在', tag_type: 'warning' },
  ],
  // Not (yet) served by /api/dicts; the org `status` values are assumed to be these two.
  org_status: [
    { value: 'active', label: '正常', tag_type: 'success' },
    { value: 'disabled', label: '停用', tag_type: 'info' },
  ],
  // The keys of src/domain/fields.cpp. /api/dicts serves them too, but it needs a session: the public
  // portal has only these, so the list must be complete (the demo's bodies use nearly all of them).
  enforcement_field: [
    { value: 'market', label: '市场监管', tag_type: 'primary' },
    { value: 'ecology', label: '生态环境', tag_type: 'primary' },
    { value: 'culture', label: '文化市场', tag_type: 'primary' },
    { value: 'transport', label: '交通运输', tag_type: 'primary' },
    { value: 'agriculture', label: '农业', tag_type: 'primary' },
    { value: 'urban', label: '城市管理', tag_type: 'primary' },
    { value: 'emergency', label: '应急管理', tag_type: 'primary' },
    { value: 'township', label: '乡镇综合执法', tag_type: 'primary' },
    { value: 'natural_resources', label: '自然资源', tag_type: 'primary' },
    { value: 'housing', label: '住房城乡建设', tag_type: 'primary' },
    { value: 'water', label: '水利', tag_type: 'primary' },
    { value: 'health', label: '卫生健康', tag_type: 'primary' },
    { value: 'education', label: '教育', tag_type: 'primary' },
    { value: 'labour', label: '人力资源社会保障', tag_type: 'primary' },
    { value: 'civil_affairs', label: '民政', tag_type: 'primary' },
    { value: 'public_security', label: '公安', tag_type: 'primary' },
    { value: 'forestry', label: '林业', tag_type: 'primary' },
    { value: 'medical_insurance', label: '医疗保障', tag_type: 'primary' },
    { value: 'commerce', label: '商务', tag_type: 'primary' },
    { value: 'statistics', label: '统计', tag_type: 'primary' },
    { value: 'other', label: '其他', tag_type: 'primary' },
  ],
  // Not served by /api/dicts (it serves `certificate_state`): the states of src/domain/certificate.cpp.
  cert_state: [
    { value: 'applied', label: '已申请', tag_type: 'primary' },
    { value: 'exam_passed', label: '考试合格', tag_type: 'primary' },
    { value: 'exam_failed', label: '考试不合格', tag_type: 'primary' },
    { value: 'issued', label: '有效', tag_type: 'success' },
    { value: 'suspended', label: '暂扣', tag_type: 'warning' },
    { value: 'revoked', label: '已吊销', tag_type: 'danger' },
    { value: 'cancelled', label: '已注销', tag_type: 'info' },
    { value: 'expired', label: '已过期', tag_type: 'info' },
  ],
  // The steps of a certificate's history; `apply` is the application itself.
  cert_event: [
    { value: 'apply', label: '申领', tag_type: 'primary' },
    { value: 'pass_exam', label: '考试合格', tag_type: 'success' },
    { value: 'fail_exam', label: '考试不合格', tag_type: 'danger' },
    { value: 'reapply', label: '重新申请', tag_type: 'primary' },
    { value: 'issue', label: '发证', tag_type: 'success' },
    { value: 'pass_review', label: '年审合格', tag_type: 'success' },
    { value: 'fail_review', label: '年审不合格', tag_type: 'warning' },
    { value: 'suspend', label: '暂扣', tag_type: 'warning' },
    { value: 'reinstate', label: '恢复', tag_type: 'success' },
    { value: 'revoke', label: '吊销', tag_type: 'danger' },
    { value: 'cancel', label: '注销', tag_type: 'info' },
    { value: 'expire', label: '到期失效', tag_type: 'info' },
  ],
  // Second slice of the people issue (docs/api.md): the server sends `*_label` with each row; these give the
  // filters their options and the tags their colours.
  officer_status: [
    { value: 'active', label: '在职', tag_type: 'success' },
    { value: 'left', label: '离职', tag_type: 'info' },
  ],
  body_kind: [
    { value: 'organ', label: '行政机关', tag_type: 'primary' },
    { value: 'authorised', label: '法律法规授权组织', tag_type: 'success' },
    { value: 'entrusted', label: '受委托组织', tag_type: 'warning' },
  ],
  body_status: [
    { value: 'active', label: '正常', tag_type: 'success' },
    { value: 'suspended', label: '暂停', tag_type: 'warning' },
    { value: 'revoked', label: '撤销', tag_type: 'danger' },
  ],
  exam_status: [
    { value: 'open', label: '进行中', tag_type: 'primary' },
    { value: 'scored', label: '已录入成绩', tag_type: 'warning' },
    { value: 'closed', label: '已结束', tag_type: 'info' },
  ],
  exam_outcome: [
    { value: 'pending', label: '待录入', tag_type: 'info' },
    { value: 'passed', label: '合格', tag_type: 'success' },
    { value: 'failed', label: '不合格', tag_type: 'danger' },
  ],
  training_category: [
    { value: 'legal', label: '法律知识', tag_type: 'primary' },
    { value: 'professional', label: '业务知识', tag_type: 'success' },
    { value: 'skills', label: '执法技能', tag_type: 'warning' },
  ],
  supervisor_kind: [
    { value: 'staff', label: '行政执法监督人员', tag_type: 'primary' },
    { value: 'social', label: '社会监督员', tag_type: 'success' },
  ],
  supervisor_status: [
    { value: 'active', label: '在职', tag_type: 'success' },
    { value: 'ended', label: '已离任', tag_type: 'info' },
  ],
}

/** The built-in options of one enum (empty when there are none). */
export const defaultOptions = (type: string): DictItem[] => DICT_DEFAULTS[type] ?? []

/** The built-in label of a value, or the value itself when it has none. */
export const defaultLabel = (type: string, value: unknown): string =>
  defaultOptions(type).find((d) => d.value === String(value))?.label ?? String(value ?? '')
