// The root tsconfig (NodeNext, no DOM) also type-checks these tests: give it what the renderer's
// own tsconfig has, the DOM library, Svelte's runes and `.svelte` modules.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// A module-style import would turn this file into a module, where `declare module '*.svelte'` no longer works.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference types="svelte" />

declare module '*.svelte' {
  import type { Component } from 'svelte';
  // Props are checked by svelte-check in the renderer; the tests pass them by name.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const component: Component<any>;
  export default component;
}
