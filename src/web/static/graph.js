// The network graph of actors and claims, drawn with cytoscape (served from /static/vendor, no CDN).
// Labels are given to cytoscape as data, which draws them on a canvas: article text never becomes markup.
(() => {
  const box = document.getElementById("graph");
  if (!box || typeof cytoscape !== "function") return;
  const STANCE = { ASSERT: "#1f7a3a", DENY: "#b3261e", HEDGE: "#a15c00", DECLINE: "#5b5b8a" };
  fetch(box.dataset.src, { headers: { accept: "application/json" } })
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
    .then((graph) => {
      if (graph.nodes.length === 0) {
        box.textContent = "No claims to draw.";
        box.classList.add("empty");
        return;
      }
      const cy = cytoscape({
        container: box,
        elements: [
          ...graph.nodes.map((n) => ({
            data: { id: n.id, label: n.label, kind: n.kind, contested: n.contested ? "yes" : "no" },
          })),
          ...graph.edges.map((e, i) => ({
            data: {
              id: `e${i}`,
              source: e.source,
              target: e.target,
              role: e.role,
              color: e.stance ? STANCE[e.stance] : "#9aa3ad",
            },
          })),
        ],
        style: [
          {
            selector: "node",
            style: {
              label: "data(label)",
              "font-size": 12,
              "min-zoomed-font-size": 7,
              "text-wrap": "wrap",
              "text-max-width": 140,
              "text-valign": "bottom",
              "text-margin-y": 4,
              color: "#1d2430",
            },
          },
          {
            selector: 'node[kind = "actor"]',
            style: { shape: "ellipse", "background-color": "#2f5d8a", width: 26, height: 26 },
          },
          {
            selector: 'node[kind = "claim"]',
            style: { shape: "round-rectangle", "background-color": "#c9d3de", width: 18, height: 18 },
          },
          {
            selector: 'node[contested = "yes"]',
            style: { "background-color": "#e9a23b", "border-width": 2, "border-color": "#b3261e" },
          },
          {
            selector: "edge",
            style: {
              width: 2,
              "line-color": "data(color)",
              "target-arrow-color": "data(color)",
              "target-arrow-shape": "triangle",
              "curve-style": "bezier",
            },
          },
          { selector: 'edge[role != "holder"]', style: { "line-style": "dashed", width: 1.5 } },
          { selector: ":selected", style: { "border-width": 3, "border-color": "#111" } },
        ],
        layout: {
          name: "cose",
          animate: false,
          nodeRepulsion: 400000,
          idealEdgeLength: 110,
          componentSpacing: 90,
          gravity: 0.3,
          padding: 24,
        },
        wheelSensitivity: 0.3,
      });
      // Double-click (or Enter on the table below) opens a claim.
      cy.on("dbltap", 'node[kind = "claim"]', (event) => {
        location.href = `/claims/${encodeURIComponent(event.target.id().slice("claim:".length))}`;
      });
      box.dataset.ready = "true";
    })
    .catch((error) => {
      box.textContent = `The graph could not be drawn (${error.message}); the table below lists the same links.`;
      box.classList.add("empty");
    });
})();
