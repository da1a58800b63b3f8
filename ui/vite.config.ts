// Vite build of the admin console (index.html) and of the public portal (portal.html, src/portal/), two
// entries that share only what both use. `npm run build` writes ui/dist/, which `zhifa serve` serves from `/`:
// portal.html for /portal and /portal/..., index.html for any other page. The console calls `/api/...`, the
// portal only `/public/api/...` (scripts/check-portal-bundle.mjs holds it to that), on their own origin; in
// development the dev server and `vite preview` forward both to a local `zhifa serve` (override with
// ZHIFA_API) and answer /portal/... with portal.html as the server does.
import { fileURLToPath, URL } from 'node:url'
import { defineConfig, type Connect, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

const apiTarget = process.env.ZHIFA_API || 'http://127.0.0.1:8080'
const proxy = {
  '/api': { target: apiTarget, changeOrigin: false },
  '/public/api': { target: apiTarget, changeOrigin: false },
}

/** /portal and /portal/... (pages, not files) are the portal's: rewrite them to portal.html. */
const portalPages: Connect.NextHandleFunction = (req, _res, next) => {
  const path = (req.url ?? '').split('?')[0]
  if (/^\/portal(\/[^.]*)?$/.test(path)) req.url = '/portal.html'
  next()
}

const portalFallback = (): Plugin => ({
  name: 'zhifa-portal-fallback',
  configureServer: (server) => {
    server.middlewares.use(portalPages)
  },
  configurePreviewServer: (server) => {
    server.middlewares.use(portalPages)
  },
})

export default defineConfig({
  plugins: [
    vue(),
    portalFallback(),
    // Element Plus on demand: components (and their CSS) are imported where a template uses them, so the
    // main bundle carries only what the first screen needs. Services called from script (ElMessage,
    // ElMessageBox) are imported by name, their CSS once in each entry (main.ts, portal/main.ts).
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
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        portal: fileURLToPath(new URL('./portal.html', import.meta.url)),
      },
    },
  },
})
