// Starts Swagger UI on /api/docs from the vendored bundle: a file, not an inline script, so the page keeps the CSP.
window.addEventListener("load", function () {
  SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
