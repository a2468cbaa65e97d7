import { useEffect, useRef, useState } from 'preact/hooks';
import { formProblems, fullName } from '../core/people';
import type { FormFields, FormValues, Identity } from '../core/state';
import type { Strings } from '../i18n/en';
import { Field } from './field';
import { fieldError } from './field-errors';

type FieldName = keyof FormFields;

interface StartFormProps {
  strings: Strings;
  prefill: FormValues;
  identity: Identity | null;
  requireEmail: boolean;
  creating: boolean;
  /** The session's errors by field: codes ('required', 'invalid') or the server's own words. */
  serverErrors: Record<string, string>;
  /** The fields as typed, after each change: kept for the site's next page and a reload. */
  onType(values: FormFields): void;
  onStart(values: FormFields): void;
}

/** The first-message form. Identified customers only write the message. */
export function StartForm({ strings, prefill, identity, requireEmail, creating, serverErrors, onType, onStart }: StartFormProps) {
  const [values, setValues] = useState<FormFields>({ name: prefill.name, email: prefill.email, message: prefill.message });
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  // A server error describes what was sent; once the customer edits that field it no longer applies.
  const [edited, setEdited] = useState<Partial<Record<FieldName, boolean>>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const askEmail = !identity;

  // A new prefill replaces the fields it changes, and only those: identify gives a name and an
  // email and must not wipe the message being typed; newConversation gives a message. Re-renders
  // with the same values change nothing.
  const prefilled = (field: FieldName, value: string) => setValues((current) => (current[field] === value ? current : { ...current, [field]: value }));
  useEffect(() => prefilled('name', prefill.name), [prefill.name]);
  useEffect(() => prefilled('email', prefill.email), [prefill.email]);
  useEffect(() => prefilled('message', prefill.message), [prefill.message]);

  const update = (field: FieldName) => (value: string) => {
    const typed = { ...values, [field]: value };
    setValues(typed);
    onType(typed);
    setEdited((current) => ({ ...current, [field]: true }));
    if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const errorFor = (field: FieldName) => {
    const code = errors[field] ?? (edited[field] ? undefined : serverErrors[field]);
    return code ? fieldError(strings, field, code) : undefined;
  };

  const submit = (event: Event) => {
    event.preventDefault();
    if (creating) return;
    const trimmed = { name: values.name.trim(), email: values.email.trim(), message: values.message.trim() };
    // An identified customer's email is not asked for here, so it is not checked here either.
    const found: Partial<Record<FieldName, string>> = formProblems(trimmed.message, askEmail ? trimmed.email : '', askEmail && requireEmail);
    setErrors(found);
    setEdited({});
    const firstInvalid = (['name', 'email', 'message'] as const).find((field) => found[field]);
    if (firstInvalid) {
      formRef.current?.querySelector<HTMLElement>(`#parley-${firstInvalid}`)?.focus();
      return;
    }
    onStart(askEmail ? trimmed : { name: fullName(identity), email: identity!.email, message: trimmed.message });
  };

  const optional = strings.optional;
  return (
    <form ref={formRef} class="form" noValidate aria-busy={creating ? 'true' : undefined} onSubmit={submit}>
      {askEmail && (
        <>
          <Field
            id="parley-name"
            label={strings.name}
            hint={optional}
            value={values.name}
            onInput={update('name')}
            autocomplete="name"
            readOnly={creating}
            error={errorFor('name')}
            autofocus
          />
          <Field
            id="parley-email"
            label={strings.email}
            type="email"
            hint={requireEmail ? undefined : optional}
            required={requireEmail}
            value={values.email}
            onInput={update('email')}
            autocomplete="email"
            readOnly={creating}
            error={errorFor('email')}
          />
        </>
      )}
      <Field
        id="parley-message"
        label={strings.message}
        multiline
        required
        value={values.message}
        onInput={update('message')}
        readOnly={creating}
        error={errorFor('message')}
        autofocus={!askEmail}
      />
      <button type="submit" class="btn" aria-disabled={creating ? 'true' : undefined}>
        {creating && <span class="spinner" aria-hidden="true" />}
        {strings.startConversation}
      </button>
      {/* Present before it speaks: a live region inserted with its text is often not announced. */}
      <p class="sr" role="status">
        {creating ? strings.starting : ''}
      </p>
    </form>
  );
}
