// Decorative icons: hidden from assistive technology, the buttons carry the names. No
// focusable="false": only Internet Explorer and EdgeHTML put SVGs in the tab order, and neither
// runs this ES2020 bundle. (The launcher's icons are the loader's, widget/loader/frame.ts.)

/** One icon: a 24-unit square of stroked paths. */
const Icon = ({ d, flip = false }: { d: string; flip?: boolean }) => (
  <svg viewBox="0 0 24 24" aria-hidden="true" class={flip ? 'flip' : undefined}>
    <path d={d} />
  </svg>
);

export const CloseIcon = () => <Icon d="M6 6l12 12M18 6L6 18" />;

export const SendIcon = ({ rtl }: { rtl: boolean }) => <Icon d="M5 12h13M13 6l6 6-6 6" flip={rtl} />;

export const SaveIcon = () => <Icon d="M12 4v11M7 10l5 5 5-5M5 20h14" />;
