// dist/parley.js, the one tag of product.md: the loader. It draws the launcher and runs every
// command at once; the conversation code and the languages are fetched from beside it when they
// are wanted (widget/loader/create-parley.ts). The only module with side effects at import time.

import { type ChunkManifest, scriptChunks } from './loader/chunks';
import { createWidget } from './loader/create-parley';
import { installSnippet } from './loader/snippet';

/** Written by the build (scripts/build.ts): the files of this build, with their hashes. */
declare const __PARLEY_CHUNKS__: ChunkManifest;

const script = document.currentScript as HTMLScriptElement | null;
const chunks = scriptChunks(window, script, __PARLEY_CHUNKS__);
installSnippet(window, script, (options) => createWidget(options, { window }, chunks));
