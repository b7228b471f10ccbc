/*
 * The overview's ranking: sort by any column, filter by branch id or name.
 * Progressive: without script the page shows the server-rendered table.
 * Rows are built with DOM methods and textContent only, never from HTML text.
 */
(function () {
  'use strict';
  var table = document.getElementById('ranking-table');
  var source = document.getElementById('ranking-data');
  var form = document.getElementById('ranking-filter');
  var input = document.getElementById('ranking-query');
  var output = document.getElementById('ranking-count');
  if (!table || !source || !form || !input || !output) return;
  var model = JSON.parse(source.textContent || '{}');
  var all = model.data || [];
  all.forEach(function (row, i) { row.rank = i; });
  var labels = model.statusLabels || {};
  var limit = model.limit || 200;
  var lang = document.documentElement.lang || 'en';
  var numbers = new Intl.NumberFormat(lang);
  var collator = new Intl.Collator(lang, { numeric: true, sensitivity: 'base' });
  var tbody = table.tBodies[0];
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var state = { column: 3, type: 'number', direction: 1, query: '' };
  // Statuses sort by how serious they are, not by their names.
  var STATUS_ORDER = { conforms: 0, diverges: 1, invalid: 2, broken: 3 };
  // html.ranking.count in every plural form of the page's language, chosen by the matching count.
  var templates = model.countTemplates || {};
  var plurals = new Intl.PluralRules(lang);
  var fallback = output.getAttribute('data-template') || '';

  headers.forEach(function (th) {
    if (!th.hasAttribute('data-sort')) return;
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    // On the whole heading, padding included; the button's own clicks (and Enter or Space on it) bubble here.
    th.addEventListener('click', function () {
      var column = Number(th.getAttribute('data-sort'));
      if (state.column === column) state.direction = -state.direction;
      else {
        state.column = column;
        state.type = th.getAttribute('data-type');
        state.direction = state.type === 'number' && column !== 3 ? -1 : 1;
      }
      render();
    });
  });
  form.hidden = false;
  // Sorting needs this script: the hint that offers it shows only with it.
  var hint = document.getElementById('ranking-hint');
  if (hint) hint.hidden = false;
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  input.addEventListener('input', function () {
    state.query = input.value.trim().toLocaleLowerCase(lang);
    render();
  });

  function cell(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function number(value, zeroClass) {
    var td = cell('td', 'num' + (value === 0 ? ' ' + zeroClass : ''), numbers.format(value));
    return td;
  }

  function rowOf(r) {
    var tr = document.createElement('tr');
    var th = cell('th');
    th.scope = 'row';
    var a = cell('a', 'branch-id', r[0]);
    a.href = r[2];
    th.appendChild(a);
    if (r[1]) th.appendChild(cell('span', 'branch-name', r[1]));
    tr.appendChild(th);
    var status = cell('td');
    status.appendChild(cell('span', 'status status-' + r[8], labels[r[8]] || r[8]));
    tr.appendChild(status);
    var scoreCell = cell('td');
    var score = cell('span', 'score worst-' + (r[9] || 'none'));
    score.appendChild(cell('span', 'value', numbers.format(r[3])));
    var bar = cell('span', 'bar');
    bar.setAttribute('aria-hidden', 'true');
    var fill = cell('span');
    fill.style.width = Math.max(0, Math.min(100, Number(r[3]))) + '%';
    bar.appendChild(fill);
    score.appendChild(bar);
    scoreCell.appendChild(score);
    tr.appendChild(scoreCell);
    for (var i = 4; i <= 7; i++) tr.appendChild(number(r[i], 'zero'));
    return tr;
  }

  function render() {
    var q = state.query;
    var rows = q === '' ? all.slice() : all.filter(function (r) {
      return String(r[0]).toLocaleLowerCase(lang).indexOf(q) !== -1 || String(r[1]).toLocaleLowerCase(lang).indexOf(q) !== -1;
    });
    var c = state.column;
    var d = state.direction;
    rows.sort(function (a, b) {
      var diff = state.type === 'number' ? a[c] - b[c]
        : state.type === 'status' ? (STATUS_ORDER[a[c]] || 0) - (STATUS_ORDER[b[c]] || 0)
          : collator.compare(String(a[c]), String(b[c]));
      return diff * d || a.rank - b.rank;
    });
    var shown = rows.slice(0, limit);
    var fragment = document.createDocumentFragment();
    shown.forEach(function (r) { fragment.appendChild(rowOf(r)); });
    tbody.replaceChildren(fragment);
    headers.forEach(function (th) {
      if (Number(th.getAttribute('data-sort')) === c && th.hasAttribute('data-sort')) th.setAttribute('aria-sort', d === 1 ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
    });
    var template = templates[plurals.select(rows.length)] || templates.other || fallback;
    output.textContent = template
      .replace('{shown}', numbers.format(shown.length))
      .replace('{count}', numbers.format(rows.length))
      .replace('{total}', numbers.format(all.length));
  }

  render();
})();
