import { render } from 'preact';
import { createConsoleApi, loadConfig } from './api';
import { App } from './app';
import './console.css';

const root = document.getElementById('app')!;

loadConfig().then(
  (config) => render(<App api={createConsoleApi(config)} config={config} />, root),
  (error: unknown) => {
    // No innerHTML: the message may quote a server's answer.
    const message = document.createElement('p');
    message.className = 'boot-error';
    message.textContent = `The console could not load its settings from the demo server: ${String(error)}`;
    root.replaceChildren(message);
  },
);
