// Parses every Prometheus query of the given Grafana dashboards with Prometheus' own PromQL
// grammar (@prometheus-io/lezer-promql, the one its web UI uses) and writes, per query, the
// series selectors it contains (metric name and label matchers) as JSON, read from the
// syntax tree. Exits 1, naming each panel and the place, when a query does not parse.
//
//   node check.mjs [--out queries.json] dashboard.json...
//
// The build runs it (test-support, through RunIfNodeIsThere.java); the services' tests then
// check that every metric named here is in their real /actuator/prometheus output.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';

// Grafana replaces these before a query reaches Prometheus; any duration stands in for them
// here, since only the grammar is checked.
const GRAFANA_DURATIONS = { '$__rate_interval': '1m', '$__interval': '1m', '$__range': '1h' };

const args = process.argv.slice(2);
let out = null;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--out') {
    out = args[++i];
  } else {
    files.push(args[i]);
  }
}
if (files.length === 0) {
  console.error('Usage: node check.mjs [--out queries.json] dashboard.json...');
  process.exit(2);
}

// The grammar's version, from the lock file the build installed it from.
const version = JSON.parse(readFileSync(new URL('package-lock.json', import.meta.url), 'utf8'))
  .packages['node_modules/@prometheus-io/lezer-promql'].version;
const failures = [];
const dashboards = files.map((file) => {
  const dashboard = JSON.parse(readFileSync(file, 'utf8'));
  const queries = [];
  for (const panel of panelsOf(dashboard.panels ?? [])) {
    for (const target of panel.targets ?? []) {
      if (typeof target.expr !== 'string') {
        continue;
      }
      const where = `${basename(file)}, panel "${panel.title}", query ${target.refId}`;
      const query = interpolate(target.expr, where);
      if (query === null) {
        continue;
      }
      const tree = parser.parse(query);
      const error = firstError(tree);
      if (error !== null) {
        failures.push(`${where} does not parse at character ${error + 1}:\n    ${query}\n    ${' '.repeat(error)}^`);
        continue;
      }
      queries.push({ panel: panel.title, refId: target.refId, expr: target.expr, selectors: selectors(tree, query) });
    }
  }
  return { file: basename(file), title: dashboard.title, queries };
});

if (failures.length > 0) {
  console.error(`promql-check: ${failures.length} dashboard ${failures.length === 1 ? 'query does' : 'queries do'} not parse `
    + `with Prometheus' PromQL grammar (@prometheus-io/lezer-promql ${version}):`);
  failures.forEach((failure) => console.error('  ' + failure));
  process.exit(1);
}
const count = dashboards.reduce((sum, d) => sum + d.queries.length, 0);
console.log(`promql-check: ${count} queries of ${dashboards.length} dashboard(s) parse with Prometheus' PromQL grammar `
  + `(@prometheus-io/lezer-promql ${version})`);
if (out !== null) {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ grammar: `@prometheus-io/lezer-promql ${version}`, dashboards }, null, 2) + '\n');
}

/** Every panel, those inside rows too. */
function* panelsOf(panels) {
  for (const panel of panels) {
    yield panel;
    yield* panelsOf(panel.panels ?? []);
  }
}

/** The query as Grafana would send it, or null (with a failure) when a variable is unknown. */
function interpolate(expr, where) {
  let query = expr;
  for (const [variable, duration] of Object.entries(GRAFANA_DURATIONS)) {
    query = query.split(variable).join(duration);
  }
  const unknown = query.match(/\$\{?\w+|\[\[\w+\]\]/);
  if (unknown !== null) {
    failures.push(`${where} uses the Grafana variable ${unknown[0]}, which this check cannot stand in for`);
    return null;
  }
  return query;
}

/** Where the first syntax error starts, or null. */
function firstError(tree) {
  let at = null;
  tree.iterate({
    enter(node) {
      if (at !== null) {
        return false;
      }
      if (node.type.isError) {
        at = node.from;
        return false;
      }
      return undefined;
    },
  });
  return at;
}

/** The series selectors of a query: the metric name (null when it names none) and each label matcher. */
function selectors(tree, query) {
  const text = (node) => query.slice(node.from, node.to);
  const found = [];
  tree.iterate({
    enter(ref) {
      if (ref.name !== 'VectorSelector') {
        return undefined;
      }
      const node = ref.node;
      const identifier = node.getChild('Identifier');
      let metric = identifier !== null ? text(identifier) : null;
      const matchers = [];
      for (const matcher of node.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? []) {
        matchers.push(labelMatcher(text(matcher.getChild('LabelName')), matcher, text));
      }
      for (const matcher of node.getChild('LabelMatchers')?.getChildren('QuotedLabelMatcher') ?? []) {
        const name = unquote(text(matcher.getChild('QuotedLabelName').getChild('StringLiteral')));
        matchers.push(labelMatcher(name, matcher, text));
      }
      // {"metric_name"}: a quoted metric name on its own (Prometheus 3).
      for (const name of node.getChild('LabelMatchers')?.getChildren('QuotedLabelName') ?? []) {
        metric = unquote(text(name.getChild('StringLiteral')));
      }
      const byName = matchers.find((m) => m.label === '__name__' && m.op === '=');
      if (metric === null && byName !== undefined) {
        metric = byName.value;
      }
      found.push({ metric, matchers: matchers.filter((m) => m !== byName) });
      return false;
    },
  });
  return found;
}

function labelMatcher(label, matcher, text) {
  return {
    label,
    op: text(matcher.getChild('MatchOp')),
    value: unquote(text(matcher.getChild('StringLiteral'))),
  };
}

/** A PromQL string literal's value: raw between back quotes, Go-style escapes otherwise. */
function unquote(literal) {
  const body = literal.slice(1, -1);
  if (literal.startsWith('`')) {
    return body;
  }
  return body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, escape) => {
    const simple = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v' }[escape];
    if (simple !== undefined) {
      return simple;
    }
    if (escape.length > 1) {
      return String.fromCharCode(parseInt(escape.slice(1), 16));
    }
    return escape;
  });
}
