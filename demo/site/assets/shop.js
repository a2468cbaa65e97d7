// The shop's own script, the way a site owner would wire Parley into their pages: a pretend
// sign-in that calls Parley('identify'), a bag sent along as Parley('metadata'), "Ask about this
// coffee" as Parley('newConversation'), and the unread count from Parley('on', 'unread').
// Every call goes through the snippet's queue, so it works before /parley.js has loaded.
(function () {
  'use strict';

  var ACCOUNT_KEY = 'kestrel-demo-account';
  var BAG_KEY = 'kestrel-demo-bag';
  var arabic = document.documentElement.lang === 'ar';
  var text = arabic
    ? {
        signIn: 'تسجيل الدخول',
        signOut: 'تسجيل الخروج',
        signedIn: function (name) { return 'مرحبًا ' + name + '. أرسلت الصفحة Parley(\'identify\', …)'; },
        signedOut: 'تم تسجيل الخروج: أرسلت الصفحة Parley(\'reset\')',
        added: function (name) { return 'أضيف «' + name + '» إلى السلة؛ تصل السلة إلى الدعم مع Parley(\'metadata\', …)'; },
        bag: function (count) { return 'السلة، ' + count + ' منتجات'; },
        question: function (name) { return 'سؤال عن ' + name; },
        opening: function (name) { return 'مرحبًا، لدي سؤال عن ' + name + ': '; },
      }
    : {
        signIn: 'Sign in',
        signOut: 'Sign out',
        signedIn: function (name) { return 'Signed in as ' + name + '. The page called Parley(\'identify\', …)'; },
        signedOut: 'Signed out. The page called Parley(\'reset\')',
        added: function (name) { return name + ' is in your bag; support sees the bag through Parley(\'metadata\', …)'; },
        bag: function (count) { return 'Bag, ' + count + (count === 1 ? ' item' : ' items'); },
        question: function (name) { return 'Question about ' + name; },
        opening: function (name) { return 'Hi! A question about ' + name + ': '; },
      };

  function parley() {
    if (typeof window.Parley === 'function') window.Parley.apply(null, arguments);
  }

  function read(key, fallback) {
    try {
      var value = JSON.parse(localStorage.getItem(key));
      return value === null ? fallback : value;
    } catch (error) {
      return fallback;
    }
  }

  function write(key, value) {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify(value));
    } catch (error) {
      // Private browsing may refuse storage; the demo then simply forgets on reload.
    }
  }

  var toastTimer = 0;
  function toast(message) {
    var element = document.querySelector('[data-toast]');
    if (!element) return;
    element.textContent = message;
    element.classList.add('is-visible');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { element.classList.remove('is-visible'); }, 4200);
  }

  // Sign-in ------------------------------------------------------------------------------------
  function showAccount(account) {
    document.querySelectorAll('[data-signin]').forEach(function (button) {
      button.textContent = account ? text.signOut : text.signIn;
    });
    document.querySelectorAll('[data-account-name]').forEach(function (element) {
      element.textContent = account ? account.firstName + ' ' + account.lastName : '';
      element.hidden = !account;
    });
  }

  function signIn(account) {
    write(ACCOUNT_KEY, account);
    parley('identify', account);
    showAccount(account);
    toast(text.signedIn(account.firstName || account.email));
  }

  function signOut() {
    write(ACCOUNT_KEY, null);
    parley('reset');
    showAccount(null);
    toast(text.signedOut);
  }

  var dialog = document.getElementById('signin');
  document.querySelectorAll('[data-signin]').forEach(function (button) {
    button.addEventListener('click', function () {
      if (read(ACCOUNT_KEY, null)) return signOut();
      if (dialog && typeof dialog.showModal === 'function') dialog.showModal();
      else signIn({ email: 'jane@example.com', firstName: 'Jane', lastName: 'Doe' });
    });
  });
  var form = document.querySelector('[data-signin-form]');
  if (form) {
    form.addEventListener('submit', function () {
      var data = new FormData(form);
      signIn({
        email: String(data.get('email') || '').trim(),
        firstName: String(data.get('firstName') || '').trim(),
        lastName: String(data.get('lastName') || '').trim(),
      });
    });
  }
  var cancel = document.querySelector('[data-signin-cancel]');
  if (cancel && dialog) cancel.addEventListener('click', function () { dialog.close(); });

  // A real site tells the widget who is signed in on every page load.
  var account = read(ACCOUNT_KEY, null);
  if (account) parley('identify', account);
  showAccount(account);

  // Bag ----------------------------------------------------------------------------------------
  function showBag(bag) {
    document.querySelectorAll('[data-bag-count]').forEach(function (element) {
      element.textContent = String(bag.length);
    });
    document.querySelectorAll('[data-bag]').forEach(function (element) {
      element.setAttribute('aria-label', text.bag(bag.length));
    });
  }

  function sendBag(bag) {
    var total = bag.reduce(function (sum, item) { return sum + item.price; }, 0);
    parley('metadata', {
      bag_items: bag.map(function (item) { return item.name; }),
      bag_total_gbp: Math.round(total * 100) / 100,
    });
  }

  var bag = read(BAG_KEY, []);
  showBag(bag);
  if (bag.length > 0) sendBag(bag);
  document.querySelectorAll('[data-add]').forEach(function (button) {
    button.addEventListener('click', function () {
      var name = button.getAttribute('data-add');
      bag.push({ name: name, price: Number(button.getAttribute('data-price')) || 0 });
      write(BAG_KEY, bag);
      showBag(bag);
      sendBag(bag);
      toast(text.added(name));
    });
  });

  // Questions about a product --------------------------------------------------------------------
  document.querySelectorAll('[data-ask]').forEach(function (button) {
    button.addEventListener('click', function () {
      var name = button.getAttribute('data-ask');
      parley('newConversation', { subject: text.question(name), message: text.opening(name) });
    });
  });

  // Unread replies shown in the page's own header, from the widget's event.
  parley('on', 'unread', function (payload) {
    var count = typeof payload === 'number' ? payload : (payload && payload.count) || 0;
    document.querySelectorAll('[data-unread]').forEach(function (element) {
      element.textContent = String(count);
      element.hidden = !count;
    });
  });
})();
