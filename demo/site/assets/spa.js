// A minimal client-side router, like the ones single-page apps ship: links update the URL with
// history.pushState and swap <main>, the document never reloads. The widget must survive it and
// report the current URL and title when a conversation starts.
(function () {
  'use strict';

  var view = document.getElementById('view');
  var navigations = 0;

  function templateFor(pathname) {
    var path = pathname.replace(/\/+$/, '') || '/spa';
    var templates = document.querySelectorAll('template[data-route]');
    for (var i = 0; i < templates.length; i++) {
      var route = templates[i].getAttribute('data-route').replace(/\/+$/, '');
      if (route === path) return templates[i];
    }
    return document.querySelector('template[data-route="not-found"]');
  }

  function render(moveFocus) {
    var template = templateFor(location.pathname);
    view.replaceChildren(template.content.cloneNode(true));
    document.title = template.getAttribute('data-title');
    document.querySelectorAll('.spa-nav a').forEach(function (link) {
      if (link.pathname.replace(/\/+$/, '') === location.pathname.replace(/\/+$/, '')) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    });
    if (moveFocus) {
      // Screen readers hear nothing when only <main> changes; focus tells them the view moved.
      window.scrollTo(0, 0);
      view.focus({ preventScroll: true });
    }
  }

  function showStats() {
    var count = document.querySelectorAll('#parley-root').length;
    document.querySelectorAll('[data-spa-navigations]').forEach(function (element) { element.textContent = String(navigations); });
    document.querySelectorAll('[data-spa-roots]').forEach(function (element) { element.textContent = String(count); });
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[data-link]');
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (link.pathname !== location.pathname) {
      history.pushState(null, '', link.pathname);
      navigations += 1;
    }
    render(true);
    showStats();
  });

  window.addEventListener('popstate', function () {
    navigations += 1;
    render(true);
    showStats();
  });

  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('[data-ask]');
    if (!button || typeof window.Parley !== 'function') return;
    var brewer = button.getAttribute('data-ask');
    window.Parley('newConversation', {
      subject: 'Brewing help: ' + brewer,
      message: 'Hi! I\u2019m brewing with a ' + brewer + ' and ',
    });
  });

  // What a careless SPA does on re-render: insert the script tag again. The widget must notice it
  // is already running, say so in the console, and not mount a second time.
  var reinstall = document.querySelector('[data-spa-reinstall]');
  if (reinstall) {
    reinstall.addEventListener('click', function () {
      var original = document.querySelector('script[src="/parley.js"]');
      var again = document.createElement('script');
      again.src = '/parley.js';
      again.defer = true;
      if (original) {
        again.setAttribute('data-client-key', original.getAttribute('data-client-key'));
        again.setAttribute('data-api-url', original.getAttribute('data-api-url'));
      }
      again.addEventListener('load', function () { setTimeout(showStats, 100); });
      document.body.appendChild(again);
    });
  }

  new MutationObserver(showStats).observe(document.body, { childList: true });
  render(false);
  showStats();
})();
