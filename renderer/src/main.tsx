import './zod-without-eval.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppShell } from './components/layout/app-shell.js';
import { startSync } from './store/bootstrap.js';
import './styles/theme.css';
import './styles/layout.css';
import './styles/sidebar.css';
import './styles/workspace.css';
import './styles/main.css';
import './styles/controls.css';
import './styles/indicators.css';
import './styles/overlays.css';
import './styles/panels.css';
import './styles/code.css';
import './styles/forms.css';
import './styles/test.css';
import './styles/result.css';
import './styles/logs.css';
import './styles/history.css';
import './styles/triggers.css';
import './styles/schedules.css';
import './styles/activity.css';
import './styles/resources.css';
import './styles/monitor.css';

startSync();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppShell />
  </StrictMode>,
);
