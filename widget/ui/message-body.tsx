import { linkify } from '../core/linkify';

/**
 * A message body as text nodes and links: never parsed as HTML. Only http(s) and mailto URLs
 * become links (linkify decides); line breaks are kept by `white-space: pre-wrap` in the CSS.
 */
export function MessageBody({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((segment, index) =>
        segment.kind === 'link' ? (
          <a key={index} href={segment.href} target="_blank" rel="noopener noreferrer nofollow">
            {segment.text}
          </a>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}
