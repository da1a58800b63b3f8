// Times travel as epoch milliseconds (UTC) and are shown in Asia/Shanghai as `YYYY-MM-DD HH:mm:ss`,
// whatever the browser's own time zone is.

export const DISPLAY_TIME_ZONE = 'Asia/Shanghai'
const SHANGHAI_OFFSET = '+08:00' // China has no daylight saving time

const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: DISPLAY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

export function formatTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return ''
  const parts: Record<string, string> = {}
  for (const p of formatter.formatToParts(new Date(ms))) parts[p.type] = p.value
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`
}

/** Start of a Shanghai calendar day `YYYY-MM-DD`, as epoch ms. */
export function dayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00${SHANGHAI_OFFSET}`)
}

/**
 * A date-picker range `[from, to]` of Shanghai days as `{from, to}` epoch ms, `from` inclusive and `to`
 * exclusive (the start of the day after the last one picked).
 */
export function dayRangeToMs(range: [string, string] | null | undefined): { from?: number; to?: number } {
  if (!range || range.length !== 2 || !range[0] || !range[1]) return {}
  return { from: dayStartMs(range[0]), to: dayStartMs(range[1]) + 24 * 3600 * 1000 }
}

/** A Shanghai wall-clock minute `YYYY-MM-DD HH:mm` (a date-time picker's value) as epoch ms; NaN when malformed. */
export function shanghaiMinuteMs(minute: string): number {
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(minute) ? Date.parse(`${minute.replace(' ', 'T')}:00${SHANGHAI_OFFSET}`) : NaN
}

/** Epoch ms as the Shanghai minute `YYYY-MM-DD HH:mm`. */
export const shanghaiMinute = (ms: number | null | undefined) => formatTime(ms).slice(0, 16)

/** Today's Shanghai calendar day as `YYYY-MM-DD`. */
export function todayInShanghai(): string {
  return formatTime(Date.now()).slice(0, 10)
}

/** `YYYYMMDDHHmmss` in Shanghai time, for file names. */
export function compactNow(): string {
  return formatTime(Date.now()).replace(/[-: ]/g, '')
}

/** This year in Asia/Shanghai. */
export function currentYear(): number {
  return Number(todayInShanghai().slice(0, 4))
}

/** Years for a year picker: next year, this year and the `back` years before it, newest first. */
export function recentYears(back = 5): number[] {
  const now = currentYear()
  return Array.from({ length: back + 2 }, (_, i) => now + 1 - i)
}

/** Whole days from today (Shanghai) to `day` (YYYY-MM-DD); negative when it is past. */
export function daysFromToday(day: string): number {
  return Math.round((dayStartMs(day) - dayStartMs(todayInShanghai())) / (24 * 3600 * 1000))
}
