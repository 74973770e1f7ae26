import { mount } from 'svelte';
import App from './App.svelte';
import { resolveApi } from './lib/api/resolve-api.js';
import './styles/app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element to mount the window into');

mount(App, { target, props: { api: resolveApi() } });
