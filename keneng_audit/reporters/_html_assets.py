"""The review page's style sheet and script, inlined so the file works offline and alone."""

CSS = """
:root { --error: #c62828; --warning: #b26a00; --info: #1565c0; --side: 30rem; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.7 "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei",
       sans-serif; color: #222; background: #f4f4f2; }
header.top { position: sticky; top: 0; z-index: 3; background: #263238; color: #fff; padding: .5rem 1rem;
             display: flex; gap: 1.5rem; align-items: center; flex-wrap: wrap; }
header.top h1 { font-size: 1.05rem; margin: 0; }
header.top label { cursor: pointer; user-select: none; }
.report { display: grid; grid-template-columns: minmax(0, 1fr) var(--side); gap: 0; }
.report > h2.file { grid-column: 1 / -1; margin: 0; padding: .4rem 1rem; font-size: .95rem; background: #cfd8dc; }
article { padding: 1rem 2rem 40vh; background: #fff; min-width: 0; }
article h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
article p { margin: .3rem 0; }
figure { margin: .8rem 0; overflow-x: auto; }
figcaption { font-weight: bold; margin-bottom: .2rem; }
table { border-collapse: collapse; font-size: .9rem; }
td, th { border: 1px solid #bbb; padding: .1rem .4rem; vertical-align: top; }
th { background: #eceff1; }
mark { background: #ffe0b2; border-bottom: 2px solid var(--warning); padding: 0 .1rem; cursor: pointer; }
mark.sev-error { background: #ffcdd2; border-bottom-color: var(--error); }
mark.sev-info { background: #bbdefb; border-bottom-color: var(--info); }
mark.off { background: none; border-bottom: 1px dotted #999; }
mark.focus { outline: 3px solid #000; outline-offset: 1px; }
aside { position: sticky; top: 2.6rem; height: calc(100vh - 2.6rem); overflow-y: auto; padding: .5rem .8rem 30vh;
        border-left: 1px solid #ccc; background: #fafafa; font-size: .88rem; }
aside h4 { margin: .8rem 0 .3rem; font-size: .9rem; color: #455a64; }
.finding { border-left: 4px solid var(--warning); background: #fff; margin: .4rem 0; padding: .3rem .5rem;
           cursor: pointer; border-radius: 3px; box-shadow: 0 1px 2px rgba(0,0,0,.12); }
.finding.sev-error { border-left-color: var(--error); }
.finding.sev-info { border-left-color: var(--info); }
.finding.active { box-shadow: 0 0 0 2px #000; }
.finding .rule { font-weight: bold; }
.finding .badge { color: #fff; border-radius: 3px; padding: 0 .3rem; margin-right: .3rem; background: var(--warning); }
.finding.sev-error .badge { background: var(--error); }
.finding.sev-info .badge { background: var(--info); }
.finding .cmp, .finding .hint { color: #444; }
.finding table { margin-top: .2rem; font-size: .82rem; }
.finding tr.row { cursor: pointer; }
.finding tr.row:hover { background: #fff3e0; }
.hidden { display: none; }
.none { color: #2e7d32; }
"""

JS = """
(function () {
  var active = null;
  function targets(el) { return (el.getAttribute('data-targets') || '').split(' ').filter(Boolean)
                                  .map(function (id) { return document.getElementById(id); }).filter(Boolean); }
  function focus(el, event) {
    if (event) { event.stopPropagation(); }
    document.querySelectorAll('mark.focus').forEach(function (m) { m.classList.remove('focus'); });
    if (active) { active.classList.remove('active'); }
    active = el.closest('.finding'); active.classList.add('active');
    var marks = targets(el);
    marks.forEach(function (m) { m.classList.add('focus'); });
    if (marks.length) { marks[0].scrollIntoView({block: 'center'}); }
  }
  document.querySelectorAll('.finding, .finding tr.row').forEach(function (el) {
    el.addEventListener('click', function (event) { focus(el, event); });
    el.addEventListener('keydown', function (event) { if (event.key === 'Enter') { focus(el, event); } });
  });
  document.querySelectorAll('mark[data-findings]').forEach(function (m) {
    m.addEventListener('click', function () {
      var first = document.getElementById(m.getAttribute('data-findings').split(' ')[0]);
      if (first) { first.scrollIntoView({block: 'center'}); focus(first); }
    });
  });
  function filter() {
    var shown = {};
    document.querySelectorAll('input[data-severity]').forEach(function (box) {
      shown[box.getAttribute('data-severity')] = box.checked; });
    document.querySelectorAll('.finding').forEach(function (f) {
      f.classList.toggle('hidden', !shown[f.getAttribute('data-severity')]); });
    document.querySelectorAll('mark[data-findings]').forEach(function (m) {
      var on = m.getAttribute('data-findings').split(' ').some(function (id) {
        var f = document.getElementById(id); return f && !f.classList.contains('hidden'); });
      m.classList.toggle('off', !on); });
    document.querySelectorAll('aside h4').forEach(function (h) {
      var next = h.nextElementSibling, any = false;
      while (next && next.tagName !== 'H4') { if (!next.classList.contains('hidden')) { any = true; } next = next.nextElementSibling; }
      h.classList.toggle('hidden', !any); });
  }
  document.querySelectorAll('input[data-severity]').forEach(function (box) { box.addEventListener('change', filter); });
  filter();
})();
"""
