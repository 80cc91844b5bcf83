// The ops dashboard: renders the national figures from /api/v1/stats/stream and shows when it
// last updated and when the connection is lost. No framework, nothing fetched from elsewhere.
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var number = new Intl.NumberFormat('en-CA');
  var status = document.getElementById('status');

  function figure(stats, path) {
    return path.split('.').reduce(function (value, key) {
      return value == null ? undefined : value[key];
    }, stats);
  }

  function setStatus(kind, text) {
    status.className = 'status ' + kind;
    status.textContent = text;
  }

  function renderFigures(stats) {
    document.querySelectorAll('[data-figure]').forEach(function (element) {
      var value = figure(stats, element.getAttribute('data-figure'));
      element.textContent = number.format(value == null ? 0 : value);
    });
  }

  function renderTable(id, figures, keyHeading) {
    var table = document.getElementById(id);
    table.textContent = '';
    var head = table.createTHead().insertRow();
    [keyHeading, 'Open', 'Wanted'].forEach(function (text) {
      var th = document.createElement('th');
      th.textContent = text;
      head.appendChild(th);
    });
    var body = table.createTBody();
    Object.keys(figures || {}).sort(function (a, b) {
      return figures[b].open - figures[a].open || a.localeCompare(b);
    }).forEach(function (key) {
      var row = body.insertRow();
      var th = document.createElement('th');
      th.textContent = key;
      row.appendChild(th);
      [figures[key].open, figures[key].wanted].forEach(function (value) {
        row.insertCell().textContent = number.format(value);
      });
      row.setAttribute('data-key', key);
    });
  }

  // The teams' workload, the teams with the most overdue reviews first, then the most wanted,
  // then the most open cases, so the team that needs help most is on top.
  function renderTeams(byTeam) {
    var table = document.getElementById('byTeam');
    var teams = Object.keys(byTeam || {});
    table.textContent = '';
    table.hidden = teams.length === 0;
    document.getElementById('noTeams').hidden = teams.length !== 0;
    var head = table.createTHead().insertRow();
    ['Team', 'Open', 'Wanted', 'Review overdue'].forEach(function (text) {
      var th = document.createElement('th');
      th.textContent = text;
      head.appendChild(th);
    });
    var body = table.createTBody();
    teams.sort(function (a, b) {
      return byTeam[b].overdueReview - byTeam[a].overdueReview || byTeam[b].wanted - byTeam[a].wanted
        || byTeam[b].open - byTeam[a].open || (a < b ? -1 : 1);
    }).forEach(function (team) {
      var row = body.insertRow();
      var th = document.createElement('th');
      th.textContent = team;
      row.appendChild(th);
      [byTeam[team].open, byTeam[team].wanted, byTeam[team].overdueReview].forEach(function (value) {
        row.insertCell().textContent = number.format(value);
      });
      if (byTeam[team].overdueReview > 0) {
        row.cells[3].className = 'overdue';
      }
      row.setAttribute('data-team', team);
    });
  }

  function svg(name, attributes, text) {
    var element = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { element.setAttribute(key, attributes[key]); });
    if (text != null) { element.textContent = text; }
    return element;
  }

  function chart(id, series, draw) {
    var target = document.getElementById(id);
    target.textContent = '';
    var months = Object.keys(series || {}).sort();
    if (months.length === 0) {
      target.appendChild(svg('text', { x: 10, y: 30 }, 'No data yet'));
      return;
    }
    var box = target.viewBox.baseVal;
    var left = 44, right = box.width - 10, top = 12, bottom = box.height - 24;
    var max = Math.max.apply(null, months.map(function (m) { return series[m]; })) || 1;
    target.appendChild(svg('line', { class: 'axis', x1: left, y1: bottom, x2: right, y2: bottom }));
    target.appendChild(svg('line', { class: 'axis', x1: left, y1: top, x2: left, y2: bottom }));
    target.appendChild(svg('text', { x: 4, y: top + 8 }, number.format(max)));
    target.appendChild(svg('text', { x: 4, y: bottom }, '0'));
    target.appendChild(svg('text', { x: left, y: box.height - 6 }, months[0]));
    target.appendChild(svg('text', { x: right - 44, y: box.height - 6 }, months[months.length - 1]));
    draw(target, months, function (i) {
      return months.length === 1 ? (left + right) / 2 : left + (right - left) * i / (months.length - 1);
    }, function (value) {
      return bottom - (bottom - top) * value / max;
    }, { left: left, right: right, bottom: bottom });
  }

  function renderTrend(trend) {
    chart('trend', trend, function (target, months, x, y) {
      var points = months.map(function (m, i) { return x(i).toFixed(1) + ',' + y(trend[m]).toFixed(1); });
      target.appendChild(svg('polyline', { class: 'line', points: points.join(' ') }));
      var last = months[months.length - 1];
      target.appendChild(svg('circle', { cx: x(months.length - 1), cy: y(trend[last]), r: 3, fill: '#b3261e' }));
    });
  }

  // Every month from the first to the last, with no removals as zero, so the bars keep time.
  function everyMonth(byMonth) {
    var months = Object.keys(byMonth || {}).sort();
    var full = {};
    if (months.length === 0) { return full; }
    var year = +months[0].slice(0, 4), month = +months[0].slice(5, 7);
    var last = months[months.length - 1];
    for (;;) {
      var key = year + '-' + (month < 10 ? '0' : '') + month;
      full[key] = byMonth[key] || 0;
      if (key === last) { return full; }
      month += 1;
      if (month > 12) { month = 1; year += 1; }
    }
  }

  function renderRemovals(sparse) {
    var byMonth = everyMonth(sparse);
    chart('removals', byMonth, function (target, months, x, y, frame) {
      var width = Math.max(1, (frame.right - frame.left) / months.length - 1);
      months.forEach(function (m, i) {
        var top = y(byMonth[m]);
        target.appendChild(svg('rect', { class: 'bar', x: frame.left + i * (width + 1), y: top, width: width,
          height: Math.max(0, frame.bottom - top) }, null)).appendChild(svg('title', {}, m + ': ' + byMonth[m]));
      });
    });
  }

  function render(stats) {
    renderFigures(stats);
    renderTable('byRegion', stats.byRegion, 'Region');
    renderTable('byNationality', stats.byNationality, 'Nationality');
    renderTable('byCriminality', stats.byCriminality, 'Criminality');
    renderTeams(stats.byTeam);
    renderTrend(stats.wantedTrend);
    renderRemovals(stats.removed && stats.removed.byMonth);
    document.getElementById('asOf').textContent = stats.asOf;
    document.body.setAttribute('data-rendered', 'true');
    setStatus('live', 'Live, updated ' + new Date().toLocaleTimeString('en-CA'));
  }

  // Who is signed in, and the sign-out form's anti-forgery token. A client that opened
  // the page with a bearer token has no session and no sign-out: the form stays hidden.
  fetch('api/v1/me', { credentials: 'same-origin' }).then(function (response) {
    return response.ok ? response.json() : null;
  }).then(function (who) {
    if (!who) {
      return;
    }
    document.getElementById('signedIn').textContent = who.name;
    var token = document.getElementById('signOutToken');
    token.name = who.signOut.parameter;
    token.value = who.signOut.token;
    document.getElementById('signOut').hidden = false;
  }).catch(function () { /* the figures still show */ });

  // The service ends each stream after a while (reporting-service.stream.max-age) and the
  // browser opens a new one by itself: the page says "lost" only until it is back, since
  // every stream starts with the figures and showing them sets the page live again. A stream
  // refused outright (the service starting, or too many streams open) is not retried by the
  // browser, so the page opens a new one itself, waiting longer each time.
  var retryDelay = 2000;
  function follow() {
    var source = new EventSource('api/v1/stats/stream');
    source.addEventListener('stats', function (event) {
      retryDelay = 2000;
      render(JSON.parse(event.data));
    });
    source.onerror = function () {
      setStatus('lost', 'Connection lost, retrying… (last update kept on screen)');
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(follow, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 60000);
      }
    };
  }
  follow();
}());
