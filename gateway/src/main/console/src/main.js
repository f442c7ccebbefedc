import { createApp } from 'vue'
import ElementPlus, { ElMessage } from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import * as Icons from '@element-plus/icons-vue'
import 'element-plus/dist/index.css'
import './styles.css'
import App from './App.vue'
import router from './router'
import { bindRouter } from './session'
import { Problem } from './api/http'

const app = createApp(App)
for (const [name, icon] of Object.entries(Icons)) app.component(name, icon)
bindRouter(router)

// A refusal no screen handled itself is still shown to the clerk in words; a 401 has already sent them to
// 登录 with the reason. Anything else is a programming error and is logged as one (the browser tests fail on it).
function shown(error) {
  if (!(error instanceof Problem)) return false
  if (error.status !== 401) ElMessage.error(error.message)
  return true
}
app.config.errorHandler = (error, instance, info) => {
  if (!shown(error)) console.error(error, info)
}
window.addEventListener('unhandledrejection', (event) => {
  if (shown(event.reason)) event.preventDefault()
})

app.use(ElementPlus, { locale: zhCn }).use(router).mount('#app')
