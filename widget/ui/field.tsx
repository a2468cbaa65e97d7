export interface FieldProps {
  id: string;
  label: string;
  value: string;
  onInput(value: string): void;
  /** Shown beside the label and read as the field's description ("Optional"). */
  hint?: string;
  error?: string;
  multiline?: boolean;
  type?: 'text' | 'email';
  autocomplete?: string;
  required?: boolean;
  readOnly?: boolean;
  autofocus?: boolean;
}

/** A labelled text field whose hint and error are tied to it by aria-describedby. */
export function Field(props: FieldProps) {
  const { id, label, value, hint, error, multiline } = props;
  const hintId = hint ? `${id}-hint` : '';
  const errorId = error ? `${id}-error` : '';
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const shared = {
    id,
    class: 'input',
    value,
    required: props.required,
    'aria-required': props.required ? 'true' : undefined,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': describedBy,
    readOnly: props.readOnly,
    autocomplete: props.autocomplete,
    'data-autofocus': props.autofocus ? '' : undefined,
    onInput: (event: Event) => props.onInput((event.currentTarget as HTMLInputElement).value),
  } as const;
  return (
    <div class="field">
      <div class="label-row">
        <label for={id}>{label}</label>
        {hint && (
          <span id={hintId} class="hint">
            {hint}
          </span>
        )}
      </div>
      {/* The cast: Preact types a union-typed `type` as a combobox input, which then needs `list`. */}
      {multiline ? <textarea {...shared} rows={3} /> : <input {...shared} type={(props.type ?? 'text') as 'text'} />}
      {error && (
        <p id={errorId} class="error-text">
          {error}
        </p>
      )}
    </div>
  );
}
