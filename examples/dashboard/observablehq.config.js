// Observable Framework configuration of the whosaid dashboard (docs/dashboards.md).
// Everything the built site loads is bundled from node_modules: no stylesheet or module
// comes from a CDN (the default Google Fonts stylesheet is dropped; pages import Plot,
// Inputs and htl by bare specifier, never through the implicit npm: imports).
export default {
  title: "whosaid",
  root: "src",
  output: process.env.DASHBOARD_OUTPUT || "dist",
  globalStylesheets: ["observablehq:stdlib/inputs.css"],
  cleanUrls: false,
  search: false,
  pages: [
    {name: "Who said what", path: "/index"},
    {name: "Top speakers", path: "/speakers"},
    {name: "Actors", path: "/actors"},
    {name: "Claims", path: "/claims"}
  ],
  footer: "Built from whosaid's views of a tracked table."
};
