import { useState } from 'preact/hooks';
import { emailProblem } from '../core/people';
import type { Strings } from '../i18n/en';
import { format } from '../i18n/locale';
import { fieldError } from './field-errors';

interface EmailGateProps {
  strings: Strings;
  teamName: string;
  prefill: string;
  /** The session's verdict on the last email given ('invalid'), if any. */
  serverError: string | undefined;
  onProvide(email: string): void;
}

/** Asks for the email the team needs to answer; the reply waits in the composer meanwhile. */
export function EmailGate({ strings, teamName, prefill, serverError, onProvide }: EmailGateProps) {
  const [email, setEmail] = useState(prefill);
  // This form's own verdict on what was typed ('required', 'invalid'), else the session's.
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const code = problem ?? serverError;
  const shown = code && fieldError(strings, 'email', code);
  const submit = (event: Event) => {
    event.preventDefault();
    const value = email.trim();
    const found = emailProblem(value, true);
    setProblem(found);
    if (!found) onProvide(value);
  };
  return (
    <form class="gate" noValidate onSubmit={submit} aria-labelledby="parley-gate-title">
      <div>
        <p id="parley-gate-title" class="gate-title">
          {strings.needsEmail}
        </p>
        <p id="parley-gate-hint" class="hint">
          {/* The team's name is isolated (FSI … PDI): "7-Eleven" in a right-to-left sentence read "Eleven-7". */}
          {format(strings.needsEmailHint, { team: `\u2068${teamName}\u2069` })}
        </p>
      </div>
      <div class="row">
        <label for="parley-gate-email" class="sr">
          {strings.email}
        </label>
        <input
          id="parley-gate-email"
          class="input"
          type="email"
          autocomplete="email"
          required
          aria-required="true"
          aria-invalid={shown ? 'true' : undefined}
          aria-describedby={shown ? 'parley-gate-hint parley-gate-error' : 'parley-gate-hint'}
          value={email}
          data-autofocus=""
          onInput={(event) => setEmail(event.currentTarget.value)}
        />
        <button type="submit" class="btn">
          {strings.saveEmail}
        </button>
      </div>
      {shown && (
        <p id="parley-gate-error" class="error-text">
          {shown}
        </p>
      )}
    </form>
  );
}
