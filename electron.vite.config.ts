import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import pkg from './package.json';

// Four node-side entries share one bundle graph: the Electron main process, the compute process
// (owns tfjs), the loopback web server and the CLI. Dependencies stay external (node_modules),
// which the native addons (better-sqlite3, tfjs-node) require.
export default defineConfig({
  main: {
    resolve: { alias: { '@shared': resolve(__dirname, 'src-shared') } },
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/app/electron-main.ts'),
          compute: resolve(__dirname, 'src-main/compute/entry.ts'),
          web: resolve(__dirname, 'src-main/web/web-main.ts'),
          cli: resolve(__dirname, 'src-main/cli/cli-main.ts')
        }
      }
    }
  },
  preload: {
    resolve: { alias: { '@shared': resolve(__dirname, 'src-shared') } },
    // A sandboxed preload may require only 'electron': bundle everything else into it.
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'src-main/app/preload.ts') } }
    }
  },
  renderer: {
    root: 'src-renderer',
    resolve: { alias: { '@shared': resolve(__dirname, 'src-shared') } },
    plugins: [svelte({ configFile: resolve(__dirname, 'svelte.config.mjs') })],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } }
    }
  }
});
