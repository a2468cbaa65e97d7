// The launcher's texts in every language, for the loader: the launcher is named in the customer's
// language, and a failed load explained in it, before any other file has arrived. The panel's
// texts are each language's own file (en.ts, fr.ts, …), fetched only for customers who read it.
// Accessible names fixed by product.md are marked; keep their English text exact.

import { type Language, languageOf } from './locale';

const en = {
  /** product.md: the launcher while the panel is closed. */
  openChat: 'Open support chat',
  /** product.md: the launcher while the panel is open. */
  closeChat: 'Close support chat',
  unread: '{count} unread',
  /** Where the panel would be, when its code could not be loaded (offline, blocked, missing). */
  loadFailed: 'The chat could not be loaded. Check your connection and try again.',
  loadRetry: 'Try again',
};

export type LauncherStrings = { readonly [K in keyof typeof en]: string };

const LAUNCHER: Record<Language, LauncherStrings> = {
  en,
  fr: {
    openChat: 'Ouvrir le chat d’assistance',
    closeChat: 'Fermer le chat d’assistance',
    unread: 'Non lus\u202f: {count}',
    loadFailed: 'Le chat n’a pas pu être chargé. Vérifiez votre connexion, puis réessayez.',
    loadRetry: 'Réessayer',
  },
  es: {
    openChat: 'Abrir el chat de soporte',
    closeChat: 'Cerrar el chat de soporte',
    unread: '{count} sin leer',
    loadFailed: 'No se pudo cargar el chat. Compruebe su conexión e inténtelo de nuevo.',
    loadRetry: 'Reintentar',
  },
  pt: {
    openChat: 'Abrir o chat de suporte',
    closeChat: 'Fechar o chat de suporte',
    unread: '{count} não lidas',
    loadFailed: 'Não foi possível carregar o chat. Verifique sua conexão e tente novamente.',
    loadRetry: 'Tentar novamente',
  },
  de: {
    openChat: 'Support-Chat öffnen',
    closeChat: 'Support-Chat schließen',
    unread: '{count} ungelesen',
    loadFailed: 'Der Chat konnte nicht geladen werden. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    loadRetry: 'Erneut versuchen',
  },
  ar: {
    openChat: 'فتح دردشة الدعم',
    closeChat: 'إغلاق دردشة الدعم',
    unread: 'غير المقروءة: {count}',
    loadFailed: 'تعذّر تحميل الدردشة. يُرجى التحقق من اتصالك والمحاولة مرة أخرى.',
    loadRetry: 'إعادة المحاولة',
  },
  ja: {
    openChat: 'サポートチャットを開く',
    closeChat: 'サポートチャットを閉じる',
    unread: '未読 {count} 件',
    loadFailed: 'チャットを読み込めませんでした。接続を確認して、もう一度お試しください。',
    loadRetry: '再試行',
  },
};

export const launcherStrings = (locale: string): LauncherStrings => LAUNCHER[languageOf(locale)];
