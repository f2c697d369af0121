// The static pages' language (catalog, embed snippet): one file per language (page.html, page.zh-CN.html).
// Like the playground's inline script: the link's `lang` (query) chooses and is remembered; without one, the
// English page follows the remembered choice (localStorage `copyimage.lang`), then the browser's preferred
// languages (the first English or Chinese one), while a Chinese page stays
// Chinese (its own file name is the link's choice). Loaded in <head>, so a redirect comes before any text.
(function () {
  var tag = function (t) {
    t = String(t || '').toLowerCase().replace('_', '-');
    return t == 'zh' || t == 'zh-cn' || t == 'zh-sg' || t.indexOf('zh-hans') == 0 ? 'zh-CN' : /^en(-|$)/.test(t) ? 'en' : '';
  };
  var ls = null;
  try { ls = localStorage; } catch (e) {}
  var link = tag((/[?&]lang=([^&#]*)/.exec(location.search) || [])[1]);
  try { if (link && ls) ls.setItem('copyimage.lang', link); } catch (e) {}
  var here = document.documentElement.lang == 'zh-CN' ? 'zh-CN' : 'en';
  // The browser's preferred languages, in its order, when neither the link nor a remembered choice says.
  var browser = function () {
    var ns = navigator.languages || [navigator.language];
    for (var i = 0; i < ns.length; i++) if (tag(ns[i])) return tag(ns[i]);
    return '';
  };
  var want = link || (here == 'en' ? tag(ls && ls.getItem('copyimage.lang')) || browser() : '') || here;
  if (want == here) return;
  var path = location.pathname;
  var to = want == 'zh-CN' ? path.replace(/(\.zh-CN)?\.html$/, '.zh-CN.html') : path.replace(/\.zh-CN\.html$/, '.html');
  if (to != path) location.replace(to + location.search + location.hash);
})();
