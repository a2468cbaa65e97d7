// Decorative icons: hidden from assistive technology, the buttons carry the names. No
// focusable="false": only Internet Explorer and EdgeHTML put SVGs in the tab order, and neither
// runs this ES2020 bundle.

const svgProps = { viewBox: '0 0 24 24', 'aria-hidden': 'true' } as const;

export const ChatIcon = () => (
  <svg {...svgProps}>
    <path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12z" />
  </svg>
);

export const CloseIcon = () => (
  <svg {...svgProps}>
    <path d="M6 6l12 12M18 6L6 18" />
  </svg>
);

export const ChevronDownIcon = () => (
  <svg {...svgProps}>
    <path d="M6 9l6 6 6-6" />
  </svg>
);

export const SendIcon = ({ rtl }: { rtl: boolean }) => (
  <svg {...svgProps} class={rtl ? 'flip' : undefined}>
    <path d="M5 12h13M13 6l6 6-6 6" />
  </svg>
);

export const SaveIcon = () => (
  <svg {...svgProps}>
    <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />
  </svg>
);
