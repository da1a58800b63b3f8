import { createApp } from 'vue'
import { createPinia } from 'pinia'
// Styles of the Element Plus services called from script (templates get theirs on demand).
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import './styles/index.css'
import './styles/stat-cards.css'
import App from './App.vue'
import { configureHttp } from './api/http'
import { router } from './router'
import { useAuthStore } from './stores/auth'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)

const auth = useAuthStore(pinia)
configureHttp({
  csrfToken: () => auth.csrfToken,
  onUnauthorized: () => {
    auth.clear()
    const current = router.currentRoute.value
    // never from a public page (the login page itself)
    if (!current.meta.public) {
      void router.push({ name: 'login', query: current.fullPath !== '/' ? { redirect: current.fullPath } : {} })
    }
  },
  onMustChangePassword: () => {
    if (auth.user) auth.user.must_change_password = true
    void router.push({ name: 'password' })
  },
})

app.use(router)
app.mount('#app')
