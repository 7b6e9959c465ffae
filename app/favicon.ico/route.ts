// Browsers still ask for /favicon.ico now and then; answer with the app icon (the same drawing as
// app/icon.svg) instead of a 404 in the console.
const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1d5fd1"/><path d="M9 23l7-15 7 15M12 18h8" stroke="#fff" stroke-width="3" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>`;

export function GET(): Response {
  return new Response(ICON, {
    headers: { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=86400" },
  });
}
