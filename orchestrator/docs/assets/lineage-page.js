/* The interactive lineage graph: Cytoscape.js with the dagre layout, focus on a node's upstream and downstream. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('lineage-data').textContent);
  var css = getComputedStyle(document.documentElement);
  var kindColor = function (group) { return css.getPropertyValue('--kind-' + group).trim() || '#64748b'; };
  var select = document.getElementById('focus');
  var info = document.getElementById('info');

  var elements = data.nodes
    .map(function (n) { return { group: 'nodes', data: { id: n.id, label: n.name, kind: n.kind, groupName: n.group, description: n.description, href: n.href, color: kindColor(n.group) } }; })
    .concat(data.edges.map(function (e) { return { group: 'edges', data: { id: e.id, source: e.source, target: e.target, label: e.version !== undefined ? 'v' + e.version : '' } }; }));

  var cy = cytoscape({
    container: document.getElementById('graph'),
    elements: elements,
    style: [
      {
        selector: 'node',
        style: {
          shape: 'round-rectangle',
          'background-color': 'data(color)',
          label: 'data(label)',
          color: '#fff',
          'font-size': 12,
          'text-valign': 'center',
          'text-halign': 'center',
          width: function (ele) { return Math.max(60, ele.data('label').length * 7.2 + 18); },
          height: 28,
        },
      },
      { selector: 'edge', style: { width: 1.5, 'line-color': '#94a3b8', 'target-arrow-color': '#94a3b8', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', label: 'data(label)', 'font-size': 10, color: '#475569' } },
      { selector: '.faded', style: { opacity: 0.15 } },
      { selector: 'node.focused', style: { 'border-width': 3, 'border-color': '#111827' } },
      { selector: 'edge.lit', style: { 'line-color': '#111827', 'target-arrow-color': '#111827', width: 2.2 } },
    ],
    layout: { name: 'dagre', rankDir: 'TB', nodeSep: 16, rankSep: 42, fit: true, padding: 16 },
  });

  function showInfo(node) {
    var up = node.incomers('node').length;
    var down = node.outgoers('node').length;
    info.innerHTML = '';
    var title = document.createElement('h3');
    title.textContent = node.data('label');
    var kind = document.createElement('p');
    kind.className = 'muted';
    kind.textContent = node.id() + ' · reads ' + up + ', read by ' + down + ' · ' + node.predecessors('node').length + ' upstream, ' + node.successors('node').length + ' downstream in all';
    var text = document.createElement('p');
    text.textContent = node.data('description') || 'No description.';
    var link = document.createElement('a');
    link.href = node.data('href');
    link.textContent = 'Open its page';
    info.append(title, kind, link, text);
  }

  function showAll() {
    cy.elements().removeClass('faded focused lit');
    select.value = '';
    info.innerHTML = '<p class="muted">Select a node to see its description.</p>';
    cy.fit(undefined, 20);
  }

  function focus(id) {
    var node = cy.getElementById(id);
    if (node.empty()) return showAll();
    var keep = node.union(node.predecessors()).union(node.successors());
    cy.elements().removeClass('focused lit').addClass('faded');
    keep.removeClass('faded');
    keep.edges().addClass('lit');
    node.addClass('focused');
    select.value = id;
    showInfo(node);
    cy.fit(keep, 30);
  }

  cy.on('tap', 'node', function (evt) { window.location.hash = evt.target.id(); });
  cy.on('tap', function (evt) { if (evt.target === cy) window.location.hash = ''; });
  select.addEventListener('change', function () { window.location.hash = select.value; });
  document.getElementById('show-all').addEventListener('click', function () { window.location.hash = ''; });
  window.addEventListener('hashchange', function () { focus(decodeURIComponent(window.location.hash.slice(1))); });
  if (window.location.hash.length > 1) focus(decodeURIComponent(window.location.hash.slice(1)));

  // For the browser tests and anyone scripting the page.
  window.strideLineage = { cy: cy, focus: focus, showAll: showAll };
})();
