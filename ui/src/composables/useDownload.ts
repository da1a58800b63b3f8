// One download button's state: `downloading` while the file is fetched; errors are shown by the client.
import { ref } from 'vue'
import type { Query } from '@/api/http'
import { downloadFile } from '@/api/files'

export function useDownload() {
  const downloading = ref(false)

  async function download(path: string, query?: Query, fileName?: string): Promise<void> {
    if (downloading.value) return
    downloading.value = true
    try {
      await downloadFile(path, query, fileName)
    } catch {
      // shown by the client
    } finally {
      downloading.value = false
    }
  }

  return { downloading, download }
}
