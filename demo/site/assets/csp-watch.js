// The strict-CSP page's own check: it lists every Content-Security-Policy violation the page sees
// (the widget's included: the event is composed, so it reaches the document from a shadow root)
// and whether the widget said it was ready. A file, not inline: the policy allows no inline script
// without the nonce, and this page practises what it preaches.
(function () {
  'use strict';

  var violations = [];

  function render() {
    var state = document.querySelector('[data-csp-state]');
    var list = document.querySelector('[data-csp-violations]');
    if (!state || !list) return;
    state.classList.toggle('is-bad', violations.length > 0);
    state.classList.toggle('is-good', violations.length === 0);
    state.textContent =
      violations.length === 0
        ? 'No policy violations so far.'
        : violations.length + (violations.length === 1 ? ' policy violation:' : ' policy violations:');
    list.replaceChildren.apply(
      list,
      violations.map(function (violation) {
        var item = document.createElement('li');
        item.textContent = violation;
        return item;
      }),
    );
  }

  document.addEventListener(
    'securitypolicyviolation',
    function (event) {
      var where = event.sourceFile ? ' (' + event.sourceFile.split('/').pop() + ':' + event.lineNumber + ')' : '';
      violations.push(event.effectiveDirective + ' blocked ' + (event.blockedURI || 'inline code') + where);
      render();
    },
    true,
  );

  function showWidget(text) {
    var state = document.querySelector('[data-widget-state]');
    if (!state) return;
    state.textContent = text;
    state.classList.add('is-good');
  }

  // Queued by the snippet's stub (this file runs after it, before the deferred widget).
  if (typeof window.Parley === 'function') {
    window.Parley('on', 'ready', function () { showWidget('The widget started under this policy.'); });
  }

  document.addEventListener('DOMContentLoaded', render);
  window.addEventListener('load', function () {
    // The host element is the widget's one footprint in the page (product.md).
    if (document.getElementById('parley-root')) showWidget('The widget is on the page.');
  });
})();
