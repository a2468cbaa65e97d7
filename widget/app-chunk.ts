// The conversation code as the loader fetches it (dist/parley-app.<hash>.js): a classic script that
// puts the app in `window.ParleyChunks.app` (widget/loader/chunks.ts). The only module with side
// effects at import time.

import { english, startApp } from './app/index';
import type { AppModule } from './contract';

const page = window as Window & { ParleyChunks?: Record<string, unknown> };
const module: AppModule = { startApp, english };
(page.ParleyChunks ??= {}).app = module;
