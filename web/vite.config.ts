import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The workbench is served by the medcoder server at `/` from web/dist, so paths stay absolute.
// JSX goes through Vite's built-in esbuild transform (no React plugin: no fast refresh needed).
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    // `vite web` during development forwards the API to a running `medcoder serve`.
    proxy: { '/api': process.env.MEDCODER_API ?? 'http://127.0.0.1:3000' },
  },
});
