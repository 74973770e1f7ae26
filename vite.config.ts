import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { contentSecurityPolicy } from './src-main/contract/content-security-policy.js';

/**
 * Puts the desktop app's Content-Security-Policy into the built index.html as a <meta> tag, in
 * addition to the header the app's app:// scheme sends with it (a second line of defence, and what
 * applies should the file ever be opened another way). Build only: the
 * Vite dev server needs its own socket and inline styles. The preview rewrites the tag to its policy.
 */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'content-security-policy-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ kind: 'desktop' }, 'meta') },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [svelte(), contentSecurityPolicyMeta()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: { host: '127.0.0.1' },
});
