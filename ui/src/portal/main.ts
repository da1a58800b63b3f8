// The public portal (行政执法专栏), an entry of its own (portal.html, served for /portal and /portal/...):
// its router, its layout and its pages, the public API (api/portal.ts) and nothing of the console — no
// session store, no sign-in, no admin views or calls (scripts/check-portal-bundle.mjs checks the built
// chunks). Element Plus is on demand as in the console; every page is loaded when first visited, so the
// first paint needs only this entry, the layout and the page asked for.
import { createApp } from 'vue'
// Styles of the Element Plus service called from script (templates get theirs on demand).
import 'element-plus/es/components/message/style/css'
import '@/styles/index.css'
import './portal.css'
import App from '@/App.vue'
import { router } from './router'

createApp(App).use(router).mount('#app')
