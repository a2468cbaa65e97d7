// The panel's styles, added to the loader's root when the conversation code starts. The base they
// inherit (palette, fonts, the host's reset) and the theme's variables are the loader's
// (widget/loader/styles.ts).

import { adoptSheets } from '../dom/sheets';
import css from './styles.css?inline';

export const applyPanelStyles = (shadowRoot: ShadowRoot, options: { nonce: string | null; doc: Document }) => adoptSheets(shadowRoot, options, [css]);
