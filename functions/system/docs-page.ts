/**
 * The interactive API reference (Swagger UI). Its assets come from `assetsUrl`: served from
 * node_modules by the Node entry, so `npm start` works offline; a CDN on Workers, keeping the bundle small.
 */
export function docsPage(assetsUrl: string, specUrl: string): string {
  const base = assetsUrl.replace(/\/+$/, '')
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Relay API reference</title>
  <link rel="stylesheet" href="${base}/swagger-ui.css" />
</head>
<body>
  <div id="docs"></div>
  <script src="${base}/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({
      url: ${JSON.stringify(specUrl)},
      dom_id: '#docs',
      deepLinking: true,
      persistAuthorization: true,
      tryItOutEnabled: true,
    })
  </script>
</body>
</html>`
}
