// Vite build of the admin console. `npm run build` writes ui/dist/, which `zhifa serve` serves from `/`
// (with SPA fallback). The UI calls `/api/...` (and the public portal `/public/api/...`) on its own origin; in
// development the dev server and `vite preview` forward both to a local `zhifa serve` (override with
// ZHIFA_API).
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

const apiTarget = process.env.ZHIFA_API || 'http://127.0.0.1:8080'
const proxy = {
  '/api': { target: apiTarget, changeOrigin: false },
  '/public/api': { target: apiTarget, changeOrigin: false },
}

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus on demand: components (and their CSS) are imported where a template uses them, so the
    // main bundle carries only what the first screen needs. Services called from script (ElMessage,
    // ElMessageBox) are imported by name, their CSS once in main.ts.
    Components({ resolvers: [ElementPlusResolver()], dts: 'src/components.d.ts', dirs: [] }),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: { host: '127.0.0.1', port: 5173, proxy },
  preview: { host: '127.0.0.1', port: 4173, proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
  },
})
