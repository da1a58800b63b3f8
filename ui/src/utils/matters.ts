// How enforcement matters (执法事项) read on screen: the fixed labels of their types, levels, lists and
// township kinds, the tag colour per type, and the fields of a service guide (服务指南) in the order shown.
// Shared by the console and the public portal, so it holds no calls to the server (api/matters.ts
// re-exports it for the console).

export type MatterType = 'licence' | 'penalty' | 'coercion' | 'inspection' | 'levy' | 'confirmation' | 'other'
export type MatterLevel = 'city' | 'county' | 'township'
export type MatterList = 'statutory' | 'delegated'
export type TownshipKind = 'town' | 'street' | 'all'
export type MatterStatus = 'active' | 'repealed'

export const MATTER_TYPES: { value: MatterType; label: string }[] = [
  { value: 'licence', label: '行政许可' },
  { value: 'penalty', label: '行政处罚' },
  { value: 'coercion', label: '行政强制' },
  { value: 'inspection', label: '行政检查' },
  { value: 'levy', label: '行政征收' },
  { value: 'confirmation', label: '行政确认' },
  { value: 'other', label: '其他行政权力' },
]

export const MATTER_LEVELS: { value: MatterLevel; label: string }[] = [
  { value: 'city', label: '市级' },
  { value: 'county', label: '县级' },
  { value: 'township', label: '乡级' },
]

export const MATTER_LISTS: { value: MatterList; label: string }[] = [
  { value: 'statutory', label: '法定' },
  { value: 'delegated', label: '赋权' },
]

export const TOWNSHIP_KINDS: { value: TownshipKind; label: string }[] = [
  { value: 'town', label: '乡镇' },
  { value: 'street', label: '街道' },
  { value: 'all', label: '全部乡镇(街道)' },
]

export const MATTER_STATUSES: { value: MatterStatus; label: string }[] = [
  { value: 'active', label: '有效' },
  { value: 'repealed', label: '已废止' },
]

/** Tag colour per matter type. */
export const MATTER_TYPE_TAG: Record<string, 'primary' | 'success' | 'info' | 'warning' | 'danger'> = {
  licence: 'success',
  penalty: 'danger',
  coercion: 'warning',
  inspection: 'primary',
  levy: 'info',
  confirmation: 'info',
  other: 'info',
}

export const matterTypeLabel = (t: string) => MATTER_TYPES.find((x) => x.value === t)?.label ?? t
export const matterListLabel = (l: string | null | undefined) =>
  l ? (MATTER_LISTS.find((x) => x.value === l)?.label ?? l) : ''

/** The name of a township list, as the server labels it: 法定事项(乡镇), 法定事项(街道), 赋权事项. */
export function townshipListLabel(list: string | null | undefined, kind: string | null | undefined): string {
  if (list === 'delegated') return '赋权事项'
  if (list === 'statutory') return kind === 'street' ? '法定事项(街道)' : kind === 'town' ? '法定事项(乡镇)' : '法定事项'
  return ''
}

/** 服务指南 */
export interface MatterGuide {
  conditions: string
  materials: string
  time_limit: string
  fees: string
  place: string
  contact: string
  notes: string
}

export const GUIDE_FIELDS: { key: keyof MatterGuide; label: string; long?: boolean }[] = [
  { key: 'conditions', label: '申请条件', long: true },
  { key: 'materials', label: '申请材料', long: true },
  { key: 'time_limit', label: '办理时限' },
  { key: 'fees', label: '收费标准' },
  { key: 'place', label: '办理地点' },
  { key: 'contact', label: '咨询电话' },
  { key: 'notes', label: '备注', long: true },
]
