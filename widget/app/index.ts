// The conversation code, loaded by the loader when the customer shows intent, a command needs it,
// or a returning customer's page is idle (widget/loader/create-parley.ts). It starts the session,
// draws the panel in the loader's root, and answers the commands that need a conversation.

import { isApiError } from '../api/errors';
import type { AppControl, AppHost, View } from '../contract';
import { systemClock } from '../core/clock';
import type { ChatMessage } from '../core/state';
import { storageNamespace } from '../core/storage';
import { formatTranscript, transcriptFileName } from '../core/transcript';
import { connectAttention } from '../dom/attention';
import { downloadText } from '../dom/download';
import { mountPanel } from '../dom/mount';
import { pageConnectivity } from '../dom/page';
import { panel as english } from '../i18n/en';
import { dateFormats } from '../ui/dates';
import { applyPanelStyles } from '../ui/styles';
import { buildSession } from './wiring';

export { english };

export function startApp(host: AppHost, initial: View): AppControl {
  const { window: win, config, root } = host;
  let view = initial;
  const connectivity = pageConnectivity(win);
  const { session, tabId, listen, stop } = buildSession({
    window: win,
    fetch: host.fetch,
    config,
    connectivity,
    emit: host.emit,
    locale: () => view.locale,
    fallbackSubject: () => view.strings.subjectFallback,
    onNewReplies: () => attention.newReplies(),
    version: host.version,
  });
  const attention = connectAttention({
    window: win,
    session,
    panelOpen: () => view.open,
    settings: () => ({ sound: host.soundOn(), titleAlert: config.titleAlert }),
    language: () => ({ locale: view.locale, strings: view.strings }),
    isLeader: session.isLeader,
    claimKey: `${storageNamespace(config.apiUrl, config.clientKey)}:attention`,
    tabId,
    clock: systemClock,
  });
  session.setPanelOpen(view.open);

  /** The conversation as plain text, in the customer's language, as the log shows it. */
  const transcriptOf = (messages: readonly ChatMessage[]) => {
    const { strings, locale } = view;
    const title = config.title ?? strings.title;
    return formatTranscript({
      messages,
      title,
      site: win.location.hostname,
      teamName: config.teamName ?? title,
      labels: { you: strings.you, sending: strings.sending, notSent: strings.notSent },
      formats: dateFormats(locale),
    });
  };

  const styles = applyPanelStyles(root.shadow, { nonce: config.nonce, doc: win.document });
  const panel = mountPanel(
    {
      root,
      config,
      session,
      connectivity,
      onOpenChange: host.setOpen,
      // "Save a copy": what the open panel shows, so no request.
      onSaveCopy: () => downloadText(root.shadow, transcriptFileName(win.location.hostname, new Date()), transcriptOf(session.getState().messages)),
    },
    view,
  );
  let unread = session.getState().unreadCount;
  host.setUnread(unread);
  const stopUnread = session.subscribe(() => {
    const count = session.getState().unreadCount;
    if (count !== unread) host.setUnread((unread = count));
  });

  // Leaving the page hands the lead to another tab at once; coming back from the bfcache rejoins.
  const onPageHide = () => session.setPageActive(false);
  const onPageShow = (event: PageTransitionEvent) => event.persisted && session.setPageActive(true);
  win.addEventListener('pagehide', onPageHide);
  win.addEventListener('pageshow', onPageShow);

  listen();
  const restored = session.restore();

  return {
    update(next) {
      view = next;
      session.setPanelOpen(view.open);
      attention.update();
      panel.update(view);
    },
    identify: (identity) =>
      session.identify({
        email: identity.email.trim(),
        ...(identity.firstName ? { firstName: identity.firstName } : {}),
        ...(identity.lastName ? { lastName: identity.lastName } : {}),
      }),
    metadata: (data) => session.setMetadata(data),
    newConversation: (input) => session.prefillNew(input),
    reset: () => session.reset(),
    async transcript() {
      // Also before the panel ever opened: the stored conversation is read, and its messages
      // fetched if this tab has not had them.
      await restored;
      try {
        const messages = await session.currentMessages();
        return session.getState().conversation ? transcriptOf(messages) : '';
      } catch (error) {
        const status = isApiError(error) ? error.status : null;
        host.emit('error', { kind: 'transcript', message: error instanceof Error ? error.message : String(error), status });
        throw error;
      }
    },
    destroy() {
      stopUnread();
      attention.destroy();
      session.destroy();
      stop();
      panel.destroy();
      styles.remove();
      win.removeEventListener('pagehide', onPageHide);
      win.removeEventListener('pageshow', onPageShow);
    },
  };
}
