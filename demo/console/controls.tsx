// The emulator panel's two kinds of control: an on/off switch and a row of choices.

import { useId } from 'preact/hooks';

export function Toggle(props: { label: string; hint?: string; checked: boolean; onChange(checked: boolean): void }) {
  const id = useId();
  return (
    <div class="control control-toggle">
      <div>
        <span class="control-label" id={`${id}-label`}>
          {props.label}
        </span>
        {props.hint && <span class="control-hint">{props.hint}</span>}
      </div>
      <button
        type="button"
        role="switch"
        class="switch"
        aria-checked={props.checked}
        aria-labelledby={`${id}-label`}
        onClick={() => props.onChange(!props.checked)}
      >
        <span class="switch-thumb" aria-hidden="true" />
      </button>
    </div>
  );
}

export function Segmented<T extends string | number>(props: {
  label: string;
  hint?: string;
  options: [value: T, label: string][];
  value: T;
  onChange(value: T): void;
}) {
  const id = useId();
  const known = props.options.some(([value]) => value === props.value);
  return (
    <div class="control">
      <span class="control-label" id={`${id}-label`}>
        {props.label}
        {!known && <span class="control-current"> (now {String(props.value)})</span>}
      </span>
      {props.hint && <span class="control-hint">{props.hint}</span>}
      <div class="segmented" role="radiogroup" aria-labelledby={`${id}-label`}>
        {props.options.map(([value, label]) => (
          <button key={String(value)} type="button" role="radio" aria-checked={value === props.value} onClick={() => props.onChange(value)}>
            {label}
          </button>
        ))}
      </div>
    </div>
  );
}
