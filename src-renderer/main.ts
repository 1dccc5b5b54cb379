import { mount } from 'svelte';
import App from './App.svelte';
import { createClient } from './lib/client/create-client';
import { createStores } from './lib/stores/stores';
import './styles/app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element.');
const stores = createStores(createClient(window));
mount(App, { target, props: { stores } });
