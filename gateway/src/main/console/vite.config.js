import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { fileURLToPath } from 'node:url'

// Built by Maven (gateway/pom.xml, exec-maven-plugin) straight into the jar's static resources, so
// `java -jar gateway.jar` serves the console at `/`. Nothing is loaded from a CDN: bureau networks are closed.
export default defineConfig({
  plugins: [vue()],
  base: '/',
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../../../target/classes/static', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      output: {
        // One file for the libraries, which change rarely, and one for the screens.
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'charts'
          if (id.includes('node_modules')) return 'vendor'
        }
      }
    }
  },
  // `npm run dev` with the jar running on 8080: the API is proxied, the screens reload as they change.
  server: { port: 5173, proxy: { '/api': 'http://localhost:8080' } }
})
