import type { Ref } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ResolvedConfig } from '../core/options';
import type { SessionActions, SessionState } from '../core/state';
import type { Strings } from '../i18n/en';
import { Composer } from './composer';
import type { DateFormats } from './dates';
import { EmailGate } from './email-gate';
import { Ended } from './ended';
import { HistoryList } from './history-list';
import { CloseIcon, SaveIcon } from './icons';
import { MessageList } from './message-list';
import { Notices } from './notices';
import { StartForm } from './start-form';

export interface PanelProps {
  config: ResolvedConfig;
  strings: Strings;
  formats: DateFormats;
  dir: 'ltr' | 'rtl';
  state: SessionState;
  /** None until the session exists; opening the panel starts it. */
  actions?: SessionActions;
  open: boolean;
  online: boolean;
  inline: boolean;
  panelRef: Ref<HTMLDivElement>;
  onClose(): void;
  /** Downloads the conversation as a text file; the button shows once there is something to save. */
  onSaveCopy?(): void;
}

// Within this distance of the bottom, the customer is reading the latest messages: keep up.
const STICK_PX = 48;

export function Panel(props: PanelProps) {
  const { config, strings, dir, open, inline } = props;
  // Nothing inside the panel is built until it first opens: a page load pays for the launcher
  // only (the panel's forms were most of the start-up long task; even compiling this file's
  // contents is a cost there, hence a component of their own). Once built they stay, hidden, so
  // whatever the customer typed survives closing.
  const built = useRef(false);
  if (open) built.current = true;
  return (
    <div
      ref={props.panelRef}
      id="parley-panel"
      class={!inline && !config.launcher ? 'panel solo' : 'panel'}
      // product.md fixes the panel's role as dialog in every mode, so scripts find it the same way.
      role="dialog"
      aria-label={config.title ?? strings.title}
      dir={dir}
      hidden={!open}
      tabIndex={-1}
    >
      {built.current && props.actions && <PanelContents {...props} actions={props.actions} />}
    </div>
  );
}

function PanelContents(props: PanelProps & { actions: SessionActions }) {
  const { config, strings, formats, dir, state, actions, open, inline } = props;
  const title = config.title ?? strings.title;
  const teamName = config.teamName ?? title;
  const { phase } = state;
  const talking = phase === 'active' || phase === 'resuming' || phase === 'ended';
  const bodyRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const last = state.messages[state.messages.length - 1];

  // The log stays at its newest message unless the customer scrolled up to read.
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (body && open && talking && (stick.current || last?.author === 'customer')) body.scrollTop = body.scrollHeight;
  }, [open, state.messages.length, last?.key, phase]);

  // The form is shown from its top when the panel opens or the form replaces the log: the greeting
  // and the focused first field are there, and in a short window (a phone held sideways) its foot
  // would leave them out of sight.
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (body && open && !talking) body.scrollTop = 0;
  }, [open, talking]);

  const onScroll = () => {
    const body = bodyRef.current;
    if (body) stick.current = body.scrollHeight - body.scrollTop - body.clientHeight < STICK_PX;
  };

  return (
    <>
      <div class="head">
        {/* The site owner's words may be in another language than the panel's: each reads in its
            own direction, the title at the panel's start. */}
        <h2 class="title">
          <bdi>{title}</bdi>
        </h2>
        {talking && state.messages.length > 0 && props.onSaveCopy && (
          // An icon button like Close: its name is its tooltip too, for those who see the icon only.
          <button type="button" class="icon-btn" aria-label={strings.saveCopy} title={strings.saveCopy} onClick={props.onSaveCopy}>
            <SaveIcon />
          </button>
        )}
        {!inline && (
          <button type="button" class="icon-btn" aria-label={strings.close} onClick={props.onClose}>
            <CloseIcon />
          </button>
        )}
      </div>
      <div class="body" ref={bodyRef} onScroll={onScroll}>
        <p class="greeting" dir="auto">
          {config.greeting ?? strings.greeting}
        </p>
        <Notices strings={strings} online={props.online} notice={state.notice} onDismiss={actions.dismissNotice} />
        {talking && (
          <>
            {phase === 'resuming' && !state.messages.length && (
              <p class="muted" role="status">
                {strings.loadingConversation}
              </p>
            )}
            {/* Nothing is rendered into a closed panel: a returning customer's page load stays light. */}
            {open && (
              <MessageList
                key={state.conversation?.id}
                strings={strings}
                formats={formats}
                messages={state.messages}
                teamName={teamName}
                onRetry={actions.retry}
              />
            )}
          </>
        )}
        {phase === 'ended' && <Ended strings={strings} status={state.conversation?.status} onStartNew={actions.startNew} />}
        {(phase === 'form' || phase === 'creating') && (
          <StartForm
            strings={strings}
            prefill={state.prefill}
            identity={state.identity}
            requireEmail={config.requireEmail}
            creating={phase === 'creating'}
            serverErrors={state.formErrors}
            onType={actions.setFormDraft}
            onStart={(values) => void actions.startConversation(values)}
          />
        )}
        {state.identity && phase !== 'active' && phase !== 'resuming' && (
          <HistoryList
            strings={strings}
            formats={formats}
            history={state.history}
            currentId={state.conversation?.id ?? null}
            onResume={(id) => void actions.resume(id)}
          />
        )}
      </div>
      {phase === 'active' && (
        <div class="foot">
          {state.needsEmail && (
            <EmailGate
              strings={strings}
              teamName={teamName}
              prefill={state.prefill.email}
              serverError={state.formErrors.email}
              onProvide={actions.provideEmail}
            />
          )}
          <Composer strings={strings} draft={state.draft} rtl={dir === 'rtl'} onDraft={actions.setDraft} onSend={actions.sendReply} />
        </div>
      )}
    </>
  );
}
